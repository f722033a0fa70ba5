using System.Text.Json.Nodes;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>Bulk responses for the fake node: one item per action line, with the status a test chooses.</summary>
public static class BulkAnswers
{
    public static string AllApplied(SentRequest request) => WithStatus(request, _ => 201);

    public static string WithStatus(SentRequest request, Func<int, int> statusOfItem)
    {
        var items = new JsonArray();
        var index = 0;
        foreach (var line in request.Lines)
        {
            var action = JsonNode.Parse(line)!.AsObject();
            if (action.Count != 1 || action.First().Key is not ("index" or "create" or "delete" or "update"))
            {
                continue; // a source line
            }

            var (kind, meta) = action.First();
            var status = statusOfItem(index++);
            var result = new JsonObject { ["_index"] = meta!["_index"]!.GetValue<string>(), ["_id"] = meta["_id"]!.GetValue<string>(), ["status"] = status };
            if (status >= 300)
            {
                result["error"] = new JsonObject { ["type"] = status == 409 ? "version_conflict_engine_exception" : "some_exception", ["reason"] = "fake" };
            }

            items.Add(new JsonObject { [kind] = result });
        }

        return new JsonObject { ["took"] = 1, ["errors"] = items.Any(i => i!.AsObject().First().Value!["status"]!.GetValue<int>() >= 300), ["items"] = items }.ToJsonString();
    }
}
