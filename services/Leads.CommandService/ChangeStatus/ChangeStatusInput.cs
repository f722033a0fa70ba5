using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using DomainCommands = Leads.Domain.Commands;

namespace Leads.CommandService.ChangeStatus;

/// <summary>
/// ChangeStatus: the wire enum has the domain's numbers; an unknown or unspecified value reaches the domain as an
/// undefined status and is refused there as InvalidArgument.
/// </summary>
public static class ChangeStatusInput
{
    public const string Rpc = "ChangeStatus";

    public static IncomingCommand ToIncoming(this ChangeStatusRequest request)
    {
        ulong? expected = request.HasExpectedRevision ? request.ExpectedRevision : null;
        var status = (int)request.Status;
        return new IncomingCommand(
            Rpc,
            new DomainCommands.ChangeStatus(request.LeadId, (Domain.LeadStatus)status),
            expected,
            IncomingCommand.KeyOrNull(request.CommandId),
            CommandFingerprint.Of(
                Rpc,
                ("lead_id", CommandFingerprint.Text(request.LeadId)),
                ("status", CommandFingerprint.Text(status)),
                ("expected_revision", CommandFingerprint.Text(expected))));
    }
}
