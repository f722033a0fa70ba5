using Grpc.Core;
using Leads.Contracts.V1;

namespace Leads.Cli.Seed;

/// <summary>
/// One command of a scripted lead, sent with a deterministic command id so a second seed writes nothing, and with the
/// request headers given (a backdated step's <c>x-leads-occurred-at</c>; none otherwise).
/// </summary>
internal delegate Task<LeadCommandReply> SeedStep(LeadCommands.LeadCommandsClient commands, string commandId, Metadata? headers, CancellationToken cancellationToken);
