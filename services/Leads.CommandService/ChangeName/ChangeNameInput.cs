using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using DomainCommands = Leads.Domain.Commands;

namespace Leads.CommandService.ChangeName;

/// <summary>ChangeName: conflicts only with another name change the caller missed.</summary>
public static class ChangeNameInput
{
    public const string Rpc = "ChangeName";

    public static IncomingCommand ToIncoming(this ChangeNameRequest request)
    {
        ulong? expected = request.HasExpectedRevision ? request.ExpectedRevision : null;
        return new IncomingCommand(
            Rpc,
            new DomainCommands.ChangeName(request.LeadId, request.Name),
            expected,
            IncomingCommand.KeyOrNull(request.CommandId),
            CommandFingerprint.Of(
                Rpc,
                ("lead_id", CommandFingerprint.Text(request.LeadId)),
                ("name", request.Name),
                ("expected_revision", CommandFingerprint.Text(expected))));
    }
}
