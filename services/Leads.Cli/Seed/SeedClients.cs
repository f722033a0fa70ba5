using System.Collections.Concurrent;
using System.CommandLine;
using Leads.Cli.Shell;
using Leads.Contracts.V1;

namespace Leads.Cli.Seed;

/// <summary>
/// The command service as each caller of the seeded history: when this tool mints its tokens (the development key in
/// --data-dir) each caller gets its own token, so the analytics activity shows several callers; with a token given
/// (--token, LEADS_TOKEN) every step goes as that token's subject.
/// </summary>
internal sealed class SeedClients(ParseResult parse)
{
    /// <summary>The command service's backfill header (an admin's business time for the command's events).</summary>
    public const string OccurredAtHeader = "x-leads-occurred-at";

    private readonly LeadCommands.LeadCommandsClient _default = Endpoints.Commands(parse);
    private readonly ConcurrentDictionary<string, LeadCommands.LeadCommandsClient> _callers = new(StringComparer.Ordinal);

    public LeadCommands.LeadCommandsClient As(string? caller) =>
        caller is null ? _default : _callers.GetOrAdd(caller, c => Endpoints.CommandsAs(parse, c));
}
