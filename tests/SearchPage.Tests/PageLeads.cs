using Leads.Contracts.V1;
using Leads.Security;

namespace SearchPage.Tests;

/// <summary>
/// Leads of the editing tests' own (ids no other test in the collection uses), written through the command service and
/// projected before the test opens them; and the agents' tokens.
/// </summary>
public static class PageLeads
{
    private static long next = 7_100_000;

    /// <summary>A bearer token that reads and writes leads, for an agent named <paramref name="subject"/>.</summary>
    public static string Writer(string subject) => Leads.Testing.TestTokens.For([LeadsRoles.Read, LeadsRoles.Write], subject);

    /// <summary>A bearer token that only reads leads.</summary>
    public static string Reader { get; } = Leads.Testing.TestTokens.For([LeadsRoles.Read], "reader");

    public static long NextId() => Interlocked.Increment(ref next);

    /// <summary>A new lead (Available, revision 3), or in Follow-up on 2026-12-01 (revision 5), projected.</summary>
    public static async Task<(long Id, LeadCommandReply Last)> CreateAsync(SearchPagePlatform platform, string name, bool inFollowUp = false)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var id = NextId();
        var last = await platform.Commands.InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = id, Name = name, Email = $"lead{id}@page.example", Phone = "030 1234567" },
            cancellationToken: cancellationToken);
        if (inFollowUp)
        {
            await platform.Commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = LeadStatus.FollowUp }, cancellationToken: cancellationToken);
            last = await platform.Commands.SetFollowupAsync(new SetFollowupRequest { LeadId = id, FollowupOn = "2026-12-01" }, cancellationToken: cancellationToken);
        }

        // The lead page reads the lead views only: wait for them (read-your-writes), not for search.
        var queries = new LeadQueries.LeadQueriesClient(platform.QueryService.Channel);
        await Leads.Testing.Eventually.IsTrueAsync(
            async () => (await queries.GetLeadAsync(new GetLeadRequest { LeadId = id, MinPosition = last.Position }, cancellationToken: cancellationToken)).Revision == last.Revision,
            TimeSpan.FromSeconds(60),
            $"the lead views showing lead {id} at revision {last.Revision}",
            cancellationToken);
        return (id, last);
    }

    /// <summary>The lead's events, oldest first, from the event store (through the query service).</summary>
    public static async Task<IReadOnlyList<LeadEvent>> HistoryAsync(SearchPagePlatform platform, long id)
    {
        var queries = new LeadQueries.LeadQueriesClient(platform.QueryService.Channel);
        var page = await queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = id, PageSize = 500 }, cancellationToken: TestContext.Current.CancellationToken);
        return page.Events;
    }
}
