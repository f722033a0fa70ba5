using Leads.Views;

namespace Leads.Deploy.Tests.Support;

/// <summary>Every lead view and status-log entry of a view store, in order, so two stores compare line by line.</summary>
public static class ReadModelDump
{
    public static async Task<IReadOnlyList<string>> OfAsync(ILeadViewStore store, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        string? token = null;
        do
        {
            var page = await store.ListByStatusAsync(null, 500, token, cancellationToken);
            foreach (var view in page.Leads)
            {
                lines.Add(view.ToString());
                foreach (var entry in await store.GetStatusHistoryAsync(view.LeadId, cancellationToken))
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
