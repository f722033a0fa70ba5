using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>What the read side answers, as text lines: every lead view, every status log and the answers to a set of searches.</summary>
public static class ReadModelSnapshot
{
    public static async Task<List<string>> TakeAsync(LeadPlatform platform, IEnumerable<string> searches, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var token = "";
        var ids = new List<long>();
        do
        {
            var page = await platform.Queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 100, PageToken = token }, cancellationToken: cancellationToken);
            lines.AddRange(page.Leads.Select(l => "view " + l));
            ids.AddRange(page.Leads.Select(l => l.LeadId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        foreach (var id in ids)
        {
            var log = await platform.Queries.GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = id }, cancellationToken: cancellationToken);
            lines.Add("status-log " + log);
        }

        foreach (var query in searches)
        {
            var found = await platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = query, PageSize = 100 }, cancellationToken: cancellationToken);
            lines.Add($"search {query}: {found}");
        }

        return lines;
    }
}
