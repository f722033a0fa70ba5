using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using DomainCommands = Leads.Domain.Commands;

namespace Leads.CommandService.ChangeContactInfo;

/// <summary>ChangeContactInfo: email and phone together; conflicts only with another contact change the caller missed.</summary>
public static class ChangeContactInfoInput
{
    public const string Rpc = "ChangeContactInfo";

    public static IncomingCommand ToIncoming(this ChangeContactInfoRequest request)
    {
        ulong? expected = request.HasExpectedRevision ? request.ExpectedRevision : null;
        return new IncomingCommand(
            Rpc,
            new DomainCommands.ChangeContactInfo(request.LeadId, request.Email, request.Phone),
            expected,
            IncomingCommand.KeyOrNull(request.CommandId),
            CommandFingerprint.Of(
                Rpc,
                ("lead_id", CommandFingerprint.Text(request.LeadId)),
                ("email", request.Email),
                ("phone", request.Phone),
                ("expected_revision", CommandFingerprint.Text(expected))));
    }
}
