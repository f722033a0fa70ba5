using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using DomainCommands = Leads.Domain.Commands;

namespace Leads.CommandService.SetFollowup;

/// <summary>SetFollowup: an ISO date, only while the lead is in Follow-up; conflicts with missed status or follow-up changes.</summary>
public static class SetFollowupInput
{
    public const string Rpc = "SetFollowup";

    public static IncomingCommand ToIncoming(this SetFollowupRequest request)
    {
        ulong? expected = request.HasExpectedRevision ? request.ExpectedRevision : null;
        return new IncomingCommand(
            Rpc,
            new DomainCommands.SetFollowup(request.LeadId, request.FollowupOn),
            expected,
            IncomingCommand.KeyOrNull(request.CommandId),
            CommandFingerprint.Of(
                Rpc,
                ("lead_id", CommandFingerprint.Text(request.LeadId)),
                ("followup_on", request.FollowupOn),
                ("expected_revision", CommandFingerprint.Text(expected))));
    }
}
