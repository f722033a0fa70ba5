using System.Text.Json.Nodes;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;
using static Leads.ReadStores.Tests.Elasticsearch.SearchDocuments;
using static Leads.Testing.Contracts.SearchLeads;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// A reset builds the next versioned index while searches stay on the old one, and swaps the alias in one request
/// when the replay reaches the head seen at the reset; then the old index is deleted.
/// </summary>
public sealed class ResetRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string V1 = """{"leads-search-v1":{"aliases":{"leads-search":{}}}}""";

    private static Func<CancellationToken, Task<GlobalPosition?>> Head(ulong head) => _ => Task.FromResult<GlobalPosition?>(GlobalPosition.FromSequence(head));

    [Fact]
    public async Task A_reset_from_the_start_writes_into_a_new_index_and_swaps_the_alias_only_when_caught_up()
    {
        var node = new FakeNode(Head(100));
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, V1);

        await node.Index.RewindAsync(ProjectionRewind<LeadSearchDocument>.Everything, Ct);
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, """{"leads-search-v1":{"aliases":{"leads-search":{}}},"leads-search-v2":{"aliases":{}}}""");
        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([Write(Lead1410)], [], GlobalPosition.FromSequence(50)), Ct);

        Assert.Equal(("leads-search-v1", "leads-search-v2"), (node.Index.LiveIndex, node.Index.WriteIndex));
        Assert.Empty(node.Handler.To("POST", "/_aliases"));
        Assert.Contains("\"_index\":\"leads-search-v2\"", Assert.Single(node.Handler.To("POST", "/_bulk")).Body, StringComparison.Ordinal);
        Json.Equal("""{"kind":"rebuild","targetCommit":100,"targetPrepare":100}""", Assert.Single(node.Handler.To("PUT", "/leads-search-v2/_doc/rebuild")).Body);
        Assert.NotNull(Assert.Single(node.Handler.To("PUT", "/leads-search-v2")).Body);

        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([], [], GlobalPosition.FromSequence(100)), Ct);

        Json.Equal("""
            {"actions":[
              {"remove":{"index":"leads-search-v1","alias":"leads-search"}},
              {"add":{"index":"leads-search-v2","alias":"leads-search"}}]}
            """, Assert.Single(node.Handler.To("POST", "/_aliases")).Body);
        var after = node.Handler.Requests.SkipWhile(r => r.Path != "/_aliases").Skip(1).Select(r => $"{r.Method} {r.PathAndQuery}");
        Assert.Equal(["DELETE /leads-search-v2/_doc/rebuild?refresh=true", "DELETE /leads-search-v1"], after);
        Assert.Equal(("leads-search-v2", "leads-search-v2"), (node.Index.LiveIndex, node.Index.WriteIndex));
    }

    [Fact]
    public async Task A_reset_with_nothing_to_replay_swaps_at_once()
    {
        var node = new FakeNode(_ => Task.FromResult<GlobalPosition?>(null));
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, V1);

        await node.Index.RewindAsync(ProjectionRewind<LeadSearchDocument>.Everything, Ct);

        Assert.Single(node.Handler.To("POST", "/_aliases"));
        Assert.Equal("leads-search-v2", node.Index.LiveIndex);
    }

    [Fact]
    public async Task A_reset_from_a_position_copies_what_lies_before_it_with_its_versions_then_writes_the_rewound_leads()
    {
        var node = new FakeNode(Head(100));
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, V1);
        var before = Fold(1, Story1410[..4]);

        await node.Index.RewindAsync(new ProjectionRewind<LeadSearchDocument>(
            GlobalPosition.FromSequence(5),
            [new RewoundDocument<LeadSearchDocument>("lead-1410", before, before.Position), new RewoundDocument<LeadSearchDocument>("lead-7", null, null)],
            before.Position), Ct);

        var sequence = node.Handler.Requests.Skip(1).Select(r => $"{r.Method} {r.PathAndQuery}").ToArray();
        Assert.Equal(
            ["GET /leads-search-v*/_alias", "PUT /leads-search-v2", "POST /leads-search-v1/_refresh", "POST /_reindex?refresh=true&wait_for_completion=true",
             "POST /_bulk", "PUT /leads-search-v2/_doc/checkpoint", "PUT /leads-search-v2/_doc/rebuild?refresh=true"],
            sequence);
        Json.Equal("""
            {
              "source": {
                "index": "leads-search-v1",
                "query": { "bool": {
                  "filter": [ { "terms": { "kind": ["lead", "parked"] } } ],
                  "must_not": [ { "bool": {
                    "should": [
                      { "range": { "posCommit": { "gt": 5 } } },
                      { "bool": { "filter": [ { "term": { "posCommit": 5 } }, { "range": { "posPrepare": { "gte": 5 } } } ] } } ],
                    "minimum_should_match": 1 } } ] } }
              },
              "dest": { "index": "leads-search-v2", "version_type": "external" },
              "conflicts": "abort"
            }
            """, node.Handler.To("POST", "/_reindex").Single().Body);
        var bulk = node.Handler.To("POST", "/_bulk").Single().Lines;
        Assert.Equal(2, bulk.Count);
        Json.Equal("""{"index":{"_index":"leads-search-v2","_id":"lead-1410","version":4,"version_type":"external"}}""", bulk[0]);
        Json.Equal("""{"kind":"checkpoint","posCommit":4,"posPrepare":4}""", node.Handler.To("PUT", "/leads-search-v2/_doc/checkpoint").Single().Body);
    }

    [Fact]
    public async Task Ops_reads_during_a_rebuild_see_the_new_index_while_searches_use_the_alias()
    {
        var node = new FakeNode(Head(100));
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, V1);
        await node.Index.RewindAsync(ProjectionRewind<LeadSearchDocument>.Everything, Ct);

        await node.Index.ReadCheckpointAsync(Ct);
        await node.Index.SearchAsync(Query("anna"), Ct);

        Assert.Single(node.Handler.To("GET", "/leads-search-v2/_doc/checkpoint"));
        Assert.NotEmpty(node.Handler.To("POST", "/leads-search/_search"));
    }

    [Fact]
    public async Task The_last_position_before_a_reset_point_is_the_newest_lead_or_parked_event_below_it()
    {
        var node = new FakeNode();
        node.Handler.On("POST", "/leads-search-v1/_search", 200, """{"hits":{"hits":[{"_source":{"posCommit":23,"posPrepare":23}}]}}""");

        Assert.Equal(GlobalPosition.FromSequence(23), await node.Index.ReadLastPositionBeforeAsync(GlobalPosition.FromSequence(30), Ct));
        Json.Equal("""
            {
              "size": 1,
              "query": { "bool": {
                "filter": [ { "terms": { "kind": ["lead", "parked"] } } ],
                "must_not": [ { "bool": {
                  "should": [
                    { "range": { "posCommit": { "gt": 30 } } },
                    { "bool": { "filter": [ { "term": { "posCommit": 30 } }, { "range": { "posPrepare": { "gte": 30 } } } ] } } ],
                  "minimum_should_match": 1 } } ] } },
              "sort": [ { "posCommit": "desc" }, { "posPrepare": "desc" } ],
              "_source": ["posCommit", "posPrepare"]
            }
            """, node.Handler.To("POST", "/leads-search-v1/_search").Single().Body);
    }

    [Fact]
    public async Task Streams_changed_since_a_position_are_read_from_leads_at_or_after_it_in_pages_by_lead_id()
    {
        var node = new FakeNode();
        var firstPage = new JsonArray([.. Enumerable.Range(1, 1000).Select(id => (JsonNode)new JsonObject
        {
            ["_source"] = new JsonObject { ["stream"] = $"lead-{id}" },
            ["sort"] = new JsonArray(id),
        })]);
        node.Handler.On(
            r => r.Path == "/leads-search-v1/_search",
            r => (200, r.Body!.Contains("search_after", StringComparison.Ordinal)
                ? """{"hits":{"hits":[{"_source":{"stream":"lead-1001"},"sort":[1001]}]}}"""
                : new JsonObject { ["hits"] = new JsonObject { ["hits"] = firstPage } }.ToJsonString()));

        var streams = await node.Index.ListStreamsChangedSinceAsync(GlobalPosition.FromSequence(30), Ct);

        Assert.Equal(1001, streams.Count);
        Assert.Equal(("lead-1", "lead-1001"), (streams[0], streams[^1]));
        var pages = node.Handler.To("POST", "/leads-search-v1/_search").ToArray();
        Assert.Equal(2, pages.Length);
        const string Query = """
            "query": { "bool": { "filter": [
              { "term": { "kind": "lead" } },
              { "bool": {
                "should": [
                  { "range": { "posCommit": { "gt": 30 } } },
                  { "bool": { "filter": [ { "term": { "posCommit": 30 } }, { "range": { "posPrepare": { "gte": 30 } } } ] } } ],
                "minimum_should_match": 1 } } ] } },
            "sort": [ { "leadId": "asc" } ],
            "_source": ["stream"]
            """;
        Json.Equal("{ \"size\": 1000, " + Query + " }", pages[0].Body);
        Json.Equal("{ \"size\": 1000, \"search_after\": [1000], " + Query + " }", pages[1].Body);
    }
}
