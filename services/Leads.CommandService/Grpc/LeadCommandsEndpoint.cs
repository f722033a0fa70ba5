using Grpc.Core;
using Leads.CommandService.ChangeContactInfo;
using Leads.CommandService.ChangeName;
using Leads.CommandService.ChangeStatus;
using Leads.CommandService.Handling;
using Leads.CommandService.InitializeLead;
using Leads.CommandService.SetFollowup;
using Leads.Contracts.V1;

namespace Leads.CommandService.Grpc;

/// <summary>The gRPC face of <see cref="LeadCommandService"/>: maps requests in, outcomes out. No decisions here.</summary>
public sealed class LeadCommandsEndpoint(LeadCommandService commands) : LeadCommands.LeadCommandsBase
{
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
