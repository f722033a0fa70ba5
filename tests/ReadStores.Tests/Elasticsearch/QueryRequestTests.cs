using System.Text.Json;
using System.Text.Json.Nodes;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.Search;
using static Leads.ReadStores.Tests.Elasticsearch.SearchDocuments;
using static Leads.Testing.Contracts.SearchLeads;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// The search body of each query kind, through the alias: current values first, then historical-only, each in lead id
/// order; and how hits are read back into matches.
/// </summary>
public sealed class QueryRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_email_query_is_a_term_on_the_current_keyword_then_on_the_historical_one_without_current_matches()
    {
        var node = new FakeNode();

        await node.Reader.SearchAsync(Query("Stefan@OLD.example", pageSize: 5), Ct);

        var searches = node.Handler.To("POST", "/leads-search/_search").ToArray();
        Assert.Equal(2, searches.Length);
        Json.Equal("""
            {
              "size": 16,
              "query": { "bool": { "filter": [ { "term": { "kind": "lead" } }, { "term": { "emailCurrent": "stefan@old.example" } } ] } },
              "sort": [ { "leadId": "asc" } ],
              "_source": ["doc"],
              "track_total_hits": false
            }
            """, searches[0].Body);
        Json.Equal("""
            {
              "size": 16,
              "query": { "bool": {
                "filter": [ { "term": { "kind": "lead" } }, { "term": { "emailHistorical": "stefan@old.example" } } ],
                "must_not": [ { "term": { "emailCurrent": "stefan@old.example" } } ] } },
              "sort": [ { "leadId": "asc" } ],
              "_source": ["doc"],
              "track_total_hits": false
            }
            """, searches[1].Body);
    }

    [Fact]
    public async Task A_phone_query_is_a_term_on_the_edge_ngram_prefix_field_of_the_digits()
    {
        var node = new FakeNode();

        await node.Reader.SearchAsync(Query("03-2724"), Ct);

        var searches = node.Handler.To("POST", "/leads-search/_search").Select(r => JsonNode.Parse(r.Body!)!["query"]!.ToJsonString()).ToArray();
        Json.Equal("""{ "bool": { "filter": [ { "term": { "kind": "lead" } }, { "term": { "phoneCurrent.prefix": "032724" } } ] } }""", searches[0]);
        Json.Equal("""
            { "bool": {
                "filter": [ { "term": { "kind": "lead" } }, { "term": { "phoneHistorical.prefix": "032724" } } ],
                "must_not": [ { "term": { "phoneCurrent.prefix": "032724" } } ] } }
            """, searches[1]);
    }

    [Fact]
    public async Task A_name_query_matches_every_folded_word_as_a_prefix_with_and()
    {
        var node = new FakeNode();

        await node.Reader.SearchAsync(Query("Stéf MÜLL"), Ct);

        var query = JsonNode.Parse(node.Handler.To("POST", "/leads-search/_search").First().Body!)!["query"]!.ToJsonString();
        Json.Equal("""
            { "bool": { "filter": [
                { "term": { "kind": "lead" } },
                { "match": { "nameCurrent": { "query": "stef mull", "operator": "and" } } } ] } }
            """, query);
    }

    [Fact]
    public async Task Hits_are_confirmed_on_the_stored_document_and_marked_historical()
    {
        var node = new FakeNode();
        node.Handler.On(
            r => r.Path == "/leads-search/_search" && r.Body!.Contains("phoneHistorical", StringComparison.Ordinal),
            _ => (200, Answer(Lead1410)));

        var hits = await node.Reader.SearchAsync(Query("03-27243457"), Ct);

        Assert.Equal([new LeadSearchHit(1410, "Stefan Müller", LeadStatus.Converted, MatchedField.Phone, "03-27243457", Historical: true)], hits);
    }

    [Fact]
    public async Task A_full_page_of_unconfirmed_candidates_asks_for_the_next_page_after_the_last_lead_id()
    {
        var node = new FakeNode();
        // Anna Smith, then Berta Jones, now Carl Jones: "smith jones" matches the historical field across two names, but no one name.
        var renamed = Fold(1, new LeadWasInitialized(7), new NameChanged(7, "Anna Smith"), new NameChanged(7, "Berta Jones"), new NameChanged(7, "Carl Jones"));
        var pages = 0;
        node.Handler.On(
            r => r.Path == "/leads-search/_search" && r.Body!.Contains("nameHistorical", StringComparison.Ordinal),
            _ => (200, Interlocked.Increment(ref pages) == 1 ? Answer([.. Enumerable.Repeat(renamed, 16)]) : Answer()));

        var hits = await node.Reader.SearchAsync(Query("smith jones", pageSize: 1), Ct);

        Assert.Empty(hits);
        var second = node.Handler.To("POST", "/leads-search/_search").Last();
        Json.Equal("[7]", JsonNode.Parse(second.Body!)!["search_after"]!.ToJsonString());
    }

    [Fact]
    public async Task No_index_yet_answers_no_hits()
    {
        var node = new FakeNode();
        node.Handler.On(r => r.Path.EndsWith("/_search", StringComparison.Ordinal), _ => (404, """{"error":{"type":"index_not_found_exception"},"status":404}"""));

        Assert.Empty(await node.Reader.SearchAsync(Query("anna"), Ct));
    }

    [Fact]
    public async Task The_query_side_reads_the_checkpoint_document_through_the_alias()
    {
        var node = new FakeNode();
        node.Handler.On("GET", "/leads-search/_doc/checkpoint", 200, """{"_id":"checkpoint","found":true,"_source":{"kind":"checkpoint","posCommit":42,"posPrepare":41}}""");

        Assert.Equal(new Leads.EventStore.GlobalPosition(42, 41), await node.Reader.ReadCheckpointAsync(Ct));
    }

    private static string Answer(params LeadSearchDocument[] documents) =>
        new JsonObject
        {
            ["hits"] = new JsonObject
            {
                ["hits"] = new JsonArray([.. documents.Select(d => (JsonNode)new JsonObject
                {
                    ["_id"] = "lead-" + d.LeadId,
                    ["_source"] = new JsonObject { ["doc"] = JsonSerializer.SerializeToNode(d, SearchIndexJsonForTests.Document) },
                    ["sort"] = new JsonArray(d.LeadId),
                })]),
            },
        }.ToJsonString();
}
