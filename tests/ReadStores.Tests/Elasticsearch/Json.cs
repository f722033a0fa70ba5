using System.Text.Json.Nodes;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>Compares JSON by structure (member order ignored), showing both sides when they differ.</summary>
public static class Json
{
    public static void Equal(string expected, string? actual)
    {
        var e = JsonNode.Parse(expected);
        var a = actual is null ? null : JsonNode.Parse(actual);
        if (!JsonNode.DeepEquals(e, a))
        {
            Assert.Fail($"JSON differs.\nExpected: {e?.ToJsonString()}\nActual:   {a?.ToJsonString()}");
        }
    }
}
