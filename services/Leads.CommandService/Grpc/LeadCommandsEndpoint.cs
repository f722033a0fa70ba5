using Grpc.Core;
using Leads.CommandService.ChangeContactInfo;
using Leads.CommandService.ChangeName;
using Leads.CommandService.ChangeStatus;
using Leads.CommandService.ForgetLead;
using Leads.CommandService.Handling;
using Leads.CommandService.ImportLeads;
using Leads.CommandService.InitializeLead;
using Leads.CommandService.Retention;
using Leads.CommandService.SetFollowup;
using Leads.Contracts.V1;

namespace Leads.CommandService.Grpc;

/// <summary>The gRPC face of <see cref="LeadCommandService"/>: maps requests in, outcomes out. No decisions here.</summary>
public sealed class LeadCommandsEndpoint(LeadCommandService commands, LeadEraser eraser, RetentionPolicy retention, LeadImport import) : LeadCommands.LeadCommandsBase
{
    // requires leads.write (bulk import: every row decided as the commands decide it)
    public override Task<ImportLeadsReply> ImportLeads(IAsyncStreamReader<ImportLeadRow> requestStream, ServerCallContext context) =>
        import.ImportAsync(requestStream, CallerHeaders.Read(context), context.CancellationToken);

    // requires leads.admin (the right to be forgotten; authorized per method by the auth layer)
    public override async Task<ForgetLeadReply> ForgetLead(ForgetLeadRequest request, ServerCallContext context)
    {
        var outcome = await eraser.ForgetAsync(request.LeadId, request.Reason, CallerHeaders.Read(context), context.CancellationToken);
        return outcome switch
        {
            ErasureOutcome.Erased e => new ForgetLeadReply { Receipt = e.Erasure.ToProto(), AlreadyForgotten = e.AlreadyForgotten },
            ErasureOutcome.Refused r => throw RpcErrors.For(new CommandOutcome.Refused(r.Error)),
            ErasureOutcome.Contended c => throw RpcErrors.For(new CommandOutcome.Contended(c.LeadId, c.Attempts)),
            _ => throw new RpcException(new Status(StatusCode.Internal, "unknown erasure outcome")),
        };
    }

    // requires leads.admin (erasure receipts name who erased what and why)
    public override async Task<ErasureReceipt> GetErasureReceipt(GetErasureReceiptRequest request, ServerCallContext context)
    {
        if (request.LeadId <= 0)
        {
            throw RpcErrors.For(new CommandOutcome.Refused(Domain.DomainError.Invalid("lead_id", $"lead_id must be a positive number (got {request.LeadId})")));
        }

        return await eraser.FindAsync(request.LeadId, context.CancellationToken) is { } erasure
            ? erasure.ToProto()
            : throw new RpcException(new Status(StatusCode.NotFound, $"lead {request.LeadId} has no erasure receipt: it was not forgotten (or does not exist)"));
    }

    // requires leads.admin (the retention policy's dry run)
    public override async Task<RetentionPlan> PlanRetention(PlanRetentionRequest request, ServerCallContext context) =>
        (await retention.PlanAsync(context.CancellationToken)).ToProto();

    public override Task<LeadCommandReply> InitializeLead(InitializeLeadRequest request, ServerCallContext context) =>
        HandleAsync(request.ToIncoming(), context);

    public override Task<LeadCommandReply> ChangeName(ChangeNameRequest request, ServerCallContext context) =>
        HandleAsync(request.ToIncoming(), context);

    public override Task<LeadCommandReply> ChangeContactInfo(ChangeContactInfoRequest request, ServerCallContext context) =>
        HandleAsync(request.ToIncoming(), context);

    public override Task<LeadCommandReply> ChangeStatus(ChangeStatusRequest request, ServerCallContext context) =>
        HandleAsync(request.ToIncoming(), context);

    public override Task<LeadCommandReply> SetFollowup(SetFollowupRequest request, ServerCallContext context) =>
        HandleAsync(request.ToIncoming(), context);

    private async Task<LeadCommandReply> HandleAsync(IncomingCommand command, ServerCallContext context)
    {
        var outcome = await commands.HandleAsync(command, CallerHeaders.Read(context), context.CancellationToken);
        if (outcome is CommandOutcome.Accepted { Reply: var reply })
        {
            return new LeadCommandReply
            {
                LeadId = reply.LeadId,
                Revision = reply.Revision,
                Position = reply.Position,
                NoOp = reply.NoOp,
                Rebased = reply.Rebased,
            };
        }

        throw RpcErrors.For(outcome);
    }
}
