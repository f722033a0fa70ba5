using Leads.Views;

namespace Projections.Tests.Support;

/// <summary>Everything a view store holds for the query side, in a form two stores can be compared by.</summary>
public static class ReadModelDump
{
    public static async Task<IReadOnlyList<string>> OfAsync(ILeadViewStore store)
    {
        var lines = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListByStatusAsync(null, 500, token, TestContext.Current.CancellationToken);
            foreach (var view in page.Leads)
            {
                lines.Add(view.ToString());
                foreach (var entry in await store.GetStatusHistoryAsync(view.LeadId, TestContext.Current.CancellationToken))
                {
                    lines.Add($"  {view.LeadId} {entry}");
                }
            }

            token = page.NextPageToken;
        }
        while (token is not null);

        return lines;
    }
}
