using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using DomainCommands = Leads.Domain.Commands;

namespace Leads.CommandService.InitializeLead;

/// <summary>InitializeLead: a new lead with its name and contact info, Available.</summary>
public static class InitializeLeadInput
{
    public const string Rpc = "InitializeLead";

    public static IncomingCommand ToIncoming(this InitializeLeadRequest request) => new(
        Rpc,
        new DomainCommands.InitializeLead(request.LeadId, request.Name, request.Email, request.Phone),
        ExpectedRevision: null,
        IncomingCommand.KeyOrNull(request.CommandId),
        CommandFingerprint.Of(
            Rpc,
            ("lead_id", CommandFingerprint.Text(request.LeadId)),
            ("name", request.Name),
            ("email", request.Email),
            ("phone", request.Phone)));
}
