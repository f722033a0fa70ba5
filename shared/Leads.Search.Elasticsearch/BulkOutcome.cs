using System.Text.Json.Nodes;

namespace Leads.Search.Elasticsearch;

/// <summary>Reads a bulk response: how many items were applied, which were already applied, and what failed.</summary>
internal static class BulkOutcome
{
    /// <summary>The number of items applied; throws when an item failed for another reason than "already applied".</summary>
    public static int Check(JsonNode? response)
    {
        var applied = 0;
        if (response?["items"] is not JsonArray items)
        {
            return applied;
        }

        foreach (var item in items)
        {
            if (item is not JsonObject wrapper || wrapper.Count != 1)
            {
                continue;
            }

            var (action, result) = wrapper.First();
            var status = result?["status"]?.GetValue<int>() ?? 0;
            if (status is >= 200 and < 300)
            {
                applied++;
                continue;
            }

            if (IsAlreadyApplied(action, status))
            {
                continue;
            }

            var reason = result?["error"]?.ToJsonString() ?? "no reason given";
            if (status is 429 or >= 500)
            {
                throw new ElasticsearchUnavailableException($"Elasticsearch could not {action} {result?["_id"]} now ({status}): {reason}");
            }

            throw new ElasticsearchRequestException($"Elasticsearch refused to {action} {result?["_id"]} ({status}): {reason}");
        }

        return applied;
    }

    /// <summary>409 on index/create: the stored version (position) is at or past ours. 404 on delete: nothing to delete.</summary>
    public static bool IsAlreadyApplied(string action, int status) =>
        (status == 409 && action is "index" or "create") || (status == 404 && action == "delete");
}
