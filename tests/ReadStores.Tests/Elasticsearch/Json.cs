using System.Text.Json.Nodes;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// Compares JSON by structure (member order ignored), showing both sides when they differ. Forms that Elasticsearch
/// defines as the same request compare equal, because the typed client writes the long or the single-value form where
/// the expectations use the short or the list form: <c>{"term":{"f":{"value":v}}}</c> is <c>{"term":{"f":v}}</c>, a sort
/// <c>{"f":{"order":o}}</c> is <c>{"f":o}</c>, <c>"_source":{"includes":x}</c> is <c>"_source":x</c>, and one clause or
/// value where a list is allowed (bool clauses, sort, <c>_source</c>, an analyzer's filters) is a list of one. Every
/// field and value is still compared.
/// </summary>
public static class Json
{
    private static readonly string[] BoolClauses = ["filter", "must", "must_not", "should"];

    public static void Equal(string expected, string? actual)
    {
        var e = Normalise(JsonNode.Parse(expected), parent: null);
        var a = actual is null ? null : Normalise(JsonNode.Parse(actual), parent: null);
        if (!JsonNode.DeepEquals(e, a))
        {
            Assert.Fail($"JSON differs.\nExpected: {e?.ToJsonString()}\nActual:   {a?.ToJsonString()}");
        }
    }

    private static JsonNode? Normalise(JsonNode? node, string? parent)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Normalise(item, parent))]);
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[key] = NormaliseMember(parent, key, Normalise(value, key));
                }

                return copy;
            default:
                return node?.DeepClone();
        }
    }

    private static JsonNode? NormaliseMember(string? parent, string key, JsonNode? value)
    {
        if (key == "term" && value is JsonObject { Count: 1 } term && term.First().Value is JsonObject { Count: 1 } longForm && longForm["value"] is { } termValue)
        {
            return new JsonObject { [term.First().Key] = termValue.DeepClone() };
        }

        if (key == "_source" && value is JsonObject { Count: 1 } source && source["includes"] is { } includes)
        {
            value = includes.DeepClone();
        }

        var listAllowed = key is "sort" or "_source" || (parent == "bool" && BoolClauses.Contains(key)) || (key == "filter" && value is JsonValue);
        var list = listAllowed && value is not (JsonArray or null) ? new JsonArray(value.DeepClone()) : value;
        return key == "sort" && list is JsonArray sorts ? new JsonArray([.. sorts.Select(ShortSort)]) : list;
    }

    private static JsonNode? ShortSort(JsonNode? sort) =>
        sort is JsonObject { Count: 1 } field && field.First().Value is JsonObject { Count: 1 } options && options["order"] is { } order
            ? new JsonObject { [field.First().Key] = order.DeepClone() }
            : sort?.DeepClone();
}
