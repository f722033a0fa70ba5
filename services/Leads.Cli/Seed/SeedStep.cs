using Leads.Contracts.V1;

namespace Leads.Cli.Seed;

/// <summary>One command of a scripted lead, sent with a deterministic command id so a second seed writes nothing.</summary>
internal delegate Task<LeadCommandReply> SeedStep(LeadCommands.LeadCommandsClient commands, string commandId, CancellationToken cancellationToken);
