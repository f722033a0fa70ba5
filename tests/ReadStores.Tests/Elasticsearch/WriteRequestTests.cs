using System.Text.Json;
using System.Text.Json.Nodes;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;
using Leads.Search.Elasticsearch;
using static Leads.ReadStores.Tests.Elasticsearch.SearchDocuments;
using static Leads.Testing.Contracts.SearchLeads;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>What a batch sends: one bulk request with external versions, then the checkpoint; and how answers are read.</summary>
public sealed class WriteRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ParkedEvent Parked = new(
        "lead-9", 3, GlobalPosition.FromSequence(12), Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "NameChanged.v1",
        DateTimeOffset.UnixEpoch.AddSeconds(12), Held: false, Error: "cannot read", Attempts: 3, ParkedAt: DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_batch_is_one_bulk_request_with_the_position_as_external_version_then_the_checkpoint()
    {
        var node = new FakeNode();

        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([Write(Lead1410)], [Parked], GlobalPosition.FromSequence(12)), Ct);

        var afterOpen = node.Handler.Requests.Skip(2).Select(r => $"{r.Method} {r.PathAndQuery}").ToArray();
        Assert.Equal(["POST /_bulk", "PUT /leads-search-v1/_doc/checkpoint"], afterOpen);
        var bulk = node.Handler.Requests[2];
        Assert.Equal("application/x-ndjson", bulk.ContentType);
        Assert.Equal(4, bulk.Lines.Count);
        Json.Equal("""{"index":{"_index":"leads-search-v1","_id":"lead-1410","version":8,"version_type":"external"}}""", bulk.Lines[0]);
        var source = JsonNode.Parse(bulk.Lines[1])!;
        Json.Equal("""
            {
              "kind": "lead", "leadId": 1410, "stream": "lead-1410", "status": "Converted", "posCommit": 8, "posPrepare": 8,
              "emailCurrent": ["stefan@new.example"], "emailHistorical": ["stefan@old.example"],
              "phoneCurrent": ["0508139904"], "phoneHistorical": ["0327243457"],
              "nameCurrent": ["stefan muller"], "nameHistorical": []
            }
            """, RemoveDoc(source));
        Assert.Equal(Lead1410, source["doc"].Deserialize(SearchIndexJsonForTests.Document));
        Json.Equal("""{"create":{"_index":"leads-search-v1","_id":"parked-0f8fad5bd9cb469fa16570867728950e"}}""", bulk.Lines[2]);
        Json.Equal("""{"kind":"parked","stream":"lead-9","posCommit":12,"posPrepare":12}""", RemoveDoc(JsonNode.Parse(bulk.Lines[3])!));
        Json.Equal("""{"kind":"checkpoint","posCommit":12,"posPrepare":12}""", node.Handler.Requests[3].Body);
    }

    [Fact]
    public async Task Version_conflicts_are_already_applied_writes_and_the_checkpoint_still_follows()
    {
        var node = new FakeNode();
        node.Handler.On(r => r.Path == "/_bulk", r => (200, BulkAnswers.WithStatus(r, _ => 409)));

        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([Write(Lead1410)], [Parked], GlobalPosition.FromSequence(12)), Ct);

        Assert.Single(node.Handler.To("PUT", "/leads-search-v1/_doc/checkpoint"));
    }

    [Fact]
    public async Task A_refused_item_fails_the_batch_and_no_checkpoint_is_written()
    {
        var node = new FakeNode();
        node.Handler.On(r => r.Path == "/_bulk", r => (200, BulkAnswers.WithStatus(r, _ => 400)));

        await Assert.ThrowsAsync<ElasticsearchRequestException>(() =>
            node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([Write(Lead1410)], [], GlobalPosition.FromSequence(8)), Ct));

        Assert.Empty(node.Handler.To("PUT", "/leads-search-v1/_doc/checkpoint"));
    }

    [Fact]
    public async Task An_item_refused_for_load_retries_the_whole_bulk_request()
    {
        var node = new FakeNode(retries: 3);
        var attempts = 0;
        node.Handler.On(r => r.Path == "/_bulk", r => (200, BulkAnswers.WithStatus(r, _ => Interlocked.Increment(ref attempts) == 1 ? 429 : 201)));

        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([Write(Lead1410)], [], GlobalPosition.FromSequence(8)), Ct);

        Assert.Equal((2, 1), (node.Handler.To("POST", "/_bulk").Count(), node.Handler.To("PUT", "/leads-search-v1/_doc/checkpoint").Count()));
    }

    [Fact]
    public async Task A_node_that_does_not_answer_is_retried_then_reported_unavailable()
    {
        var node = new FakeNode(retries: 1);
        await node.Index.OpenAsync(Ct);
        node.Handler.Unreachable = true;

        var error = await Record.ExceptionAsync(() => node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([Write(Lead1410)], [], GlobalPosition.FromSequence(8)), Ct));

        Assert.IsType<ElasticsearchUnavailableException>(error);
        Assert.Equal(2, node.Handler.To("POST", "/_bulk").Count());
    }

    [Fact]
    public async Task After_repeated_outages_the_circuit_opens_and_calls_fail_at_once()
    {
        var node = new FakeNode(retries: 1);
        await node.Index.OpenAsync(Ct);
        node.Handler.Unreachable = true;
        for (var i = 0; i < 3; i++)
        {
            await Record.ExceptionAsync(() => node.Index.FlushAsync(Ct));
        }

        var sent = node.Handler.Requests.Count;
        var error = await Record.ExceptionAsync(() => node.Index.FlushAsync(Ct));

        Assert.IsType<Polly.CircuitBreaker.BrokenCircuitException>(error);
        Assert.Equal(sent, node.Handler.Requests.Count);
    }

    [Fact]
    public async Task Loading_is_a_real_time_multi_get_of_the_write_index()
    {
        var node = new FakeNode();
        var stored = new JsonObject { ["kind"] = "lead", ["posCommit"] = 8, ["posPrepare"] = 8, ["doc"] = JsonSerializer.SerializeToNode(Lead1410, SearchIndexJsonForTests.Document) };
        node.Handler.On("POST", "/leads-search-v1/_mget", 200, new JsonObject
        {
            ["docs"] = new JsonArray(
                new JsonObject { ["_id"] = "lead-1410", ["found"] = true, ["_source"] = stored },
                new JsonObject { ["_id"] = "lead-9", ["found"] = false }),
        }.ToJsonString());

        var loaded = await node.Index.LoadAsync(["lead-1410", "lead-9"], Ct);

        Json.Equal("""{"ids":["lead-1410","lead-9"]}""", Assert.Single(node.Handler.To("POST", "/leads-search-v1/_mget")).Body);
        Assert.Equal(["lead-1410"], loaded.Keys);
        Assert.Equal((Lead1410, GlobalPosition.FromSequence(8)), (loaded["lead-1410"].Document, loaded["lead-1410"].Position));
    }

    [Fact]
    public async Task A_parked_replay_writes_the_lead_deletes_what_applied_and_replaces_what_still_fails()
    {
        var node = new FakeNode();
        var applied = Parked with { EventId = Guid.Parse("11111111-1111-1111-1111-111111111111") };

        await node.Index.CompleteParkedReplayAsync(new ParkedReplay<LeadSearchDocument>(Write(Lead1410), [applied], Parked with { Error = "again" }), Ct);

        var lines = Assert.Single(node.Handler.To("POST", "/_bulk")).Lines;
        Json.Equal("""{"index":{"_index":"leads-search-v1","_id":"lead-1410","version":8,"version_type":"external"}}""", lines[0]);
        Json.Equal("""{"delete":{"_index":"leads-search-v1","_id":"parked-11111111111111111111111111111111"}}""", lines[2]);
        Json.Equal("""{"index":{"_index":"leads-search-v1","_id":"parked-0f8fad5bd9cb469fa16570867728950e"}}""", lines[3]);
        Assert.Equal("again", JsonNode.Parse(lines[4])!["doc"]!["error"]!.GetValue<string>());
    }

    private static string RemoveDoc(JsonNode source)
    {
        var copy = source.DeepClone().AsObject();
        copy.Remove("doc");
        return copy.ToJsonString();
    }
}
