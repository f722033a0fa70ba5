using Elastic.Clients.Elasticsearch.Core.Bulk;

namespace Leads.Search.Elasticsearch;

/// <summary>Reads a bulk response: how many items were applied, which were already applied, and what failed.</summary>
internal static class BulkOutcome
{
    /// <summary>The number of items applied; throws when an item failed for another reason than "already applied".</summary>
    public static int Check(IEnumerable<ResponseItem> items)
    {
        var applied = 0;
        foreach (var item in items)
        {
            var (action, status) = (item.Operation, item.Status);
            if (status is >= 200 and < 300)
            {
                applied++;
                continue;
            }

            if (IsAlreadyApplied(action, status))
            {
                continue;
            }

            var reason = item.Error is { } error ? $"{error.Type}: {error.Reason}" : "no reason given";
            if (status is 429 or >= 500)
            {
                throw new ElasticsearchUnavailableException($"Elasticsearch could not {action} {item.Id} now ({status}): {reason}");
            }

            throw new ElasticsearchRequestException($"Elasticsearch refused to {action} {item.Id} ({status}): {reason}");
        }

        return applied;
    }

    /// <summary>409 on index/create: the stored version (position) is at or past ours. 404 on delete: nothing to delete.</summary>
    public static bool IsAlreadyApplied(string action, int status) =>
        (status == 409 && action is "index" or "create") || (status == 404 && action == "delete");
}
