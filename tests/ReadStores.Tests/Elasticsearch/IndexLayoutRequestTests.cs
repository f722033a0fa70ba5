namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>What the adapter sends when it opens: the alias lookup, then the first versioned index with its mappings.</summary>
public sealed class IndexLayoutRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_an_empty_cluster_creates_v1_with_explicit_mappings_and_the_alias_in_one_request()
    {
        var node = new FakeNode();

        await node.Index.OpenAsync(Ct);

        Assert.Equal(["GET /leads-search-v*/_alias", "PUT /leads-search-v1"], node.Handler.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        var create = node.Handler.Requests[1];
        Assert.Equal("application/json", create.ContentType);
        Assert.All(node.Handler.Requests, r => Assert.Equal("application/json", r.Accept)); // plain JSON: Elasticsearch 8 refuses compatible-with=9
        Json.Equal("""
            {
              "settings": {
                "number_of_shards": 1,
                "number_of_replicas": 1,
                "refresh_interval": "500ms",
                "merge.policy.expunge_deletes_allowed": 0,
                "max_ngram_diff": 32,
                "analysis": {
                  "filter": {
                    "name_prefixes": { "type": "edge_ngram", "min_gram": 1, "max_gram": 32 },
                    "phone_prefixes": { "type": "edge_ngram", "min_gram": 1, "max_gram": 24 }
                  },
                  "analyzer": {
                    "name_prefix_index": { "type": "custom", "tokenizer": "whitespace", "filter": ["lowercase", "name_prefixes"] },
                    "name_words": { "type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"] },
                    "phone_prefix_index": { "type": "custom", "tokenizer": "keyword", "filter": ["phone_prefixes"] }
                  }
                }
              },
              "mappings": {
                "dynamic": "strict",
                "properties": {
                  "kind": { "type": "keyword" },
                  "leadId": { "type": "long" },
                  "stream": { "type": "keyword" },
                  "status": { "type": "keyword" },
                  "posCommit": { "type": "long" },
                  "posPrepare": { "type": "long" },
                  "emailCurrent": { "type": "keyword" },
                  "emailHistorical": { "type": "keyword" },
                  "phoneCurrent": { "type": "keyword", "fields": { "prefix": { "type": "text", "analyzer": "phone_prefix_index", "search_analyzer": "keyword" } } },
                  "phoneHistorical": { "type": "keyword", "fields": { "prefix": { "type": "text", "analyzer": "phone_prefix_index", "search_analyzer": "keyword" } } },
                  "nameCurrent": { "type": "text", "analyzer": "name_prefix_index", "search_analyzer": "name_words", "position_increment_gap": 100 },
                  "nameHistorical": { "type": "text", "analyzer": "name_prefix_index", "search_analyzer": "name_words", "position_increment_gap": 100 },
                  "targetCommit": { "type": "long" },
                  "targetPrepare": { "type": "long" },
                  "doc": { "type": "object", "enabled": false }
                }
              },
              "aliases": { "leads-search": {} }
            }
            """, create.Body);
    }

    [Fact]
    public async Task Opening_finds_the_index_the_alias_points_at_and_resumes_an_unfinished_rebuild_from_its_marker()
    {
        var node = new FakeNode();
        node.Handler
            .On("GET", "/leads-search-v*/_alias", 200, """{"leads-search-v3":{"aliases":{"leads-search":{}}},"leads-search-v4":{"aliases":{}},"leads-search-v2":{"aliases":{}}}""")
            .On("GET", "/leads-search-v4/_doc/rebuild", 200, """{"_id":"rebuild","found":true,"_source":{"kind":"rebuild","targetCommit":90,"targetPrepare":90}}""");

        await node.Index.OpenAsync(Ct);

        Assert.Equal(("leads-search-v3", "leads-search-v4"), (node.Index.LiveIndex, node.Index.WriteIndex));
        Assert.Equal(["DELETE /leads-search-v2"], node.Handler.Requests.Where(r => r.Method == "DELETE").Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.DoesNotContain(node.Handler.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Opening_drops_a_newer_index_that_never_got_its_rebuild_marker()
    {
        var node = new FakeNode();
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, """{"leads-search-v1":{"aliases":{"leads-search":{}}},"leads-search-v2":{"aliases":{}}}""");

        await node.Index.OpenAsync(Ct);

        Assert.Equal(("leads-search-v1", "leads-search-v1"), (node.Index.LiveIndex, node.Index.WriteIndex));
        Assert.Single(node.Handler.To("DELETE", "/leads-search-v2"));
    }

    [Fact]
    public async Task Opening_puts_the_alias_on_the_newest_index_when_the_alias_is_missing()
    {
        var node = new FakeNode();
        node.Handler.On("GET", "/leads-search-v*/_alias", 200, """{"leads-search-v1":{"aliases":{}},"leads-search-v2":{"aliases":{}}}""");

        await node.Index.OpenAsync(Ct);

        Json.Equal("""{"actions":[{"add":{"index":"leads-search-v2","alias":"leads-search"}}]}""", Assert.Single(node.Handler.To("POST", "/_aliases")).Body);
    }
}
