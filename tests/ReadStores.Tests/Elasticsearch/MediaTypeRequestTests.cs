using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;
using Leads.Testing;
using Leads.Testing.Contracts;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// The 9.x client would send <c>application/vnd.elasticsearch+json; compatible-with=9</c>, which Elasticsearch 8 refuses:
/// every request the adapter sends asks for and carries plain JSON (NDJSON for bulk), so that 8 and 9 both answer.
/// </summary>
public sealed class MediaTypeRequestTests
{
    [Fact]
    public async Task Every_request_of_the_index_and_the_reader_sends_plain_json_media_types()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = new FakeNode(_ => Task.FromResult<GlobalPosition?>(GlobalPosition.FromSequence(100)), configure: o => o with { ExpungeDelay = TimeSpan.Zero });
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, """{"leads-search-v1":{"aliases":{"leads-search":{}}}}""");
        node.Handler.On(r => r.Path.EndsWith("/_forcemerge", StringComparison.Ordinal), _ => (200, """{"_shards":{"total":1,"successful":1,"failed":0}}"""));
        node.Handler.On(r => r.Path.EndsWith("/_count", StringComparison.Ordinal), _ => (200, """{"count":0}"""));

        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([SearchLeads.Write(SearchLeads.Lead1410)], [], GlobalPosition.FromSequence(8)), ct);
        await node.Index.LoadAsync(["lead-1410"], ct);
        await node.Index.ListParkedAsync(null, ct);
        await node.Index.CountParkedAsync(ct);
        await node.Index.ListStreamsChangedSinceAsync(GlobalPosition.FromSequence(1), ct);
        await node.Index.ReadLastPositionBeforeAsync(GlobalPosition.FromSequence(5), ct);
        await node.Index.RewindAsync(new ProjectionRewind<LeadSearchDocument>(GlobalPosition.FromSequence(5), [], GlobalPosition.FromSequence(4)), ct);
        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([], [], GlobalPosition.FromSequence(100)), ct);
        await node.Reader.SearchAsync(SearchDocuments.Query("anna"), ct);
        await node.Reader.ReadCheckpointAsync(ct);
        var forgotten = SearchLeads.Fold(1, [.. SearchLeads.Story1410, new LeadForgotten(1410, "asked", DateTimeOffset.UnixEpoch, "ops", ["name"], [])]);
        var erased = new DocumentWrite<LeadSearchDocument>("lead-1410", forgotten, forgotten.Position, GlobalPosition.FromSequence(8));
        await node.Index.CommitAsync(new ProjectionCommit<LeadSearchDocument>([erased], [], GlobalPosition.FromSequence(101)), ct);
        await Eventually.IsTrueAsync(
            () => Task.FromResult(Sent(node).Any(r => r.Path.EndsWith("/_forcemerge", StringComparison.Ordinal))), TimeSpan.FromSeconds(10), "the expunge request", ct);

        var sent = Sent(node);
        string[] endpoints =
        [
            "GET /leads-search-v*/_alias", "POST /_bulk", "PUT /leads-search-v1/_doc/checkpoint", "POST /leads-search-v1/_mget", "POST /leads-search-v1/_refresh",
            "POST /leads-search-v1/_search", "POST /leads-search-v1/_count", "PUT /leads-search-v2", "POST /_reindex", "PUT /leads-search-v2/_doc/rebuild",
            "POST /_aliases", "DELETE /leads-search-v2/_doc/rebuild", "DELETE /leads-search-v1", "POST /leads-search/_search", "GET /leads-search/_doc/checkpoint",
            "POST /leads-search-v2/_forcemerge", "POST /leads-search-v2/_refresh", "PUT /leads-search-v2/_doc/checkpoint",
        ];
        Assert.Equal(endpoints.Order(), sent.Select(r => $"{r.Method} {r.Path}").Distinct().Order());
        Assert.All(sent, r => Assert.Equal("application/json", r.Accept));
        Assert.All(sent.Where(r => r.Body is { Length: > 0 }), r => Assert.Equal(r.Path == "/_bulk" ? "application/x-ndjson" : "application/json", r.ContentType));
    }

    private static List<SentRequest> Sent(FakeNode node)
    {
        lock (node.Handler.Requests)
        {
            return [.. node.Handler.Requests];
        }
    }
}
