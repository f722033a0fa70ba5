using Elastic.Transport;
using Leads.EventStore;
using Leads.Search.Elasticsearch;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>The real client and adapter wired to a <see cref="RecordingHandler"/>, with the answers of an empty cluster.</summary>
public sealed class FakeNode
{
    public FakeNode(Func<CancellationToken, Task<GlobalPosition?>>? readHead = null, int retries = 1, Func<ElasticsearchSearchOptions, ElasticsearchSearchOptions>? configure = null)
    {
        Handler = new RecordingHandler()
            .On("GET", "/leads-search-v*/_alias", 200, "{}")
            .On(r => r.Method == "PUT" && r.Path.StartsWith("/leads-search-v", StringComparison.Ordinal) && !r.Path.Contains("/_doc/", StringComparison.Ordinal), r => (200, $"{{\"acknowledged\":true,\"index\":\"{r.Path[1..]}\"}}"))
            .On(r => r.Method == "PUT" && r.Path.Contains("/_doc/", StringComparison.Ordinal), _ => (200, "{\"result\":\"created\"}"))
            .On(r => r.Method == "POST" && r.Path.EndsWith("/_refresh", StringComparison.Ordinal), _ => (200, "{}"))
            .On(r => r.Method == "POST" && r.Path == "/_bulk", r => (200, BulkAnswers.AllApplied(r)))
            .On(r => r.Method == "POST" && r.Path.EndsWith("/_search", StringComparison.Ordinal), _ => (200, "{\"hits\":{\"hits\":[]}}"))
            .On(r => r.Method == "POST" && r.Path.EndsWith("/_mget", StringComparison.Ordinal), r => (200, NotFound(r)))
            .On(r => r.Method == "POST" && r.Path == "/_reindex", _ => (200, "{\"created\":0,\"failures\":[]}"))
            .On(r => r.Method == "POST" && r.Path == "/_aliases", _ => (200, "{\"acknowledged\":true}"))
            .On(r => r.Method == "DELETE", _ => (200, "{\"acknowledged\":true}"))
            .On(r => r.Method == "GET" && r.Path.Contains("/_doc/", StringComparison.Ordinal), _ => (404, "{\"found\":false}"));
        Options = new ElasticsearchSearchOptions(new Uri("http://es.test:9200")) { Retries = retries, RetryDelay = TimeSpan.FromMilliseconds(1), BreakDuration = TimeSpan.FromMilliseconds(500) };
        Options = configure?.Invoke(Options) ?? Options;
        var client = ElasticsearchConnection.CreateClient(Options.Url, new HttpRequestInvoker((_, _) => Handler));
        Index = new ElasticsearchLeadSearchIndex(client, Options, readHead);
        Reader = new ElasticsearchLeadSearchReader(client, Options);
    }

    public RecordingHandler Handler { get; }

    /// <summary>A multi-get answer that finds none of the ids asked for.</summary>
    private static string NotFound(SentRequest request) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["docs"] = new System.Text.Json.Nodes.JsonArray([.. System.Text.Json.Nodes.JsonNode.Parse(request.Body!)!["ids"]!.AsArray()
                .Select(id => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { ["_id"] = id!.GetValue<string>(), ["found"] = false })]),
        }.ToJsonString();

    public ElasticsearchSearchOptions Options { get; }

    public ElasticsearchLeadSearchIndex Index { get; }

    public ElasticsearchLeadSearchReader Reader { get; }
}
