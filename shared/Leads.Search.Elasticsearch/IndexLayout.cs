using System.Text.Json.Nodes;
using static Leads.Search.Elasticsearch.SearchFields;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// The settings and explicit mappings of a versioned index (dynamic mapping is off: a field nobody declared is a bug).
/// Emails and phone digits are keywords (exact, already normalised by <see cref="SearchText"/>); every prefix of a
/// phone's digits is also indexed as a term by an edge n-gram analyzer, and so is every prefix of each folded name word,
/// so prefix searches are plain term lookups. Current and historical values are separate fields. The search document
/// itself is kept in _source only, to build hits and to load documents.
/// </summary>
internal static class IndexLayout
{
    public static JsonObject CreateIndexBody(ElasticsearchSearchOptions options, bool withAlias) 
    {
        var body = new JsonObject
        {
            ["settings"] = Settings(options),
            ["mappings"] = Mappings(),
        };
        if (withAlias)
        {
            body["aliases"] = new JsonObject { [options.Alias] = new JsonObject() };
        }

        return body;
    }

    public static JsonObject Settings(ElasticsearchSearchOptions options) => new()
    {
        ["number_of_shards"] = options.Shards,
        ["number_of_replicas"] = options.Replicas,
        ["refresh_interval"] = options.RefreshInterval,
        // only_expunge_deletes (after an erasure) rewrites every segment holding a deleted document, not only those past
        // the default 10% deleted: one forgotten lead in a large segment is expunged too.
        ["merge.policy.expunge_deletes_allowed"] = 0,
        ["max_ngram_diff"] = MaxNameGram,
        ["analysis"] = new JsonObject
        {
            ["filter"] = new JsonObject
            {
                ["name_prefixes"] = new JsonObject { ["type"] = "edge_ngram", ["min_gram"] = 1, ["max_gram"] = MaxNameGram },
                ["phone_prefixes"] = new JsonObject { ["type"] = "edge_ngram", ["min_gram"] = 1, ["max_gram"] = MaxPhoneGram },
            },
            ["analyzer"] = new JsonObject
            {
                ["name_prefix_index"] = new JsonObject
                {
                    ["type"] = "custom", ["tokenizer"] = "whitespace", ["filter"] = new JsonArray("lowercase", "name_prefixes"),
                },
                ["name_words"] = new JsonObject
                {
                    ["type"] = "custom", ["tokenizer"] = "whitespace", ["filter"] = new JsonArray("lowercase"),
                },
                ["phone_prefix_index"] = new JsonObject
                {
                    ["type"] = "custom", ["tokenizer"] = "keyword", ["filter"] = new JsonArray("phone_prefixes"),
                },
            },
        },
    };

    public static JsonObject Mappings() => new()
    {
        ["dynamic"] = "strict",
        ["properties"] = new JsonObject
        {
            [Kind] = Keyword(),
            [LeadId] = new JsonObject { ["type"] = "long" },
            [StreamField] = Keyword(),
            [Status] = Keyword(),
            [PositionCommit] = new JsonObject { ["type"] = "long" },
            [PositionPrepare] = new JsonObject { ["type"] = "long" },
            [EmailCurrent] = Keyword(),
            [EmailHistorical] = Keyword(),
            [PhoneCurrent] = PhoneDigits(),
            [PhoneHistorical] = PhoneDigits(),
            [NameCurrent] = NameWords(),
            [NameHistorical] = NameWords(),
            [TargetCommit] = new JsonObject { ["type"] = "long" },
            [TargetPrepare] = new JsonObject { ["type"] = "long" },
            [Document] = new JsonObject { ["type"] = "object", ["enabled"] = false },
        },
    };

    private static JsonObject Keyword() => new() { ["type"] = "keyword" };

    private static JsonObject PhoneDigits() => new()
    {
        ["type"] = "keyword",
        ["fields"] = new JsonObject
        {
            [PrefixSubField] = new JsonObject { ["type"] = "text", ["analyzer"] = "phone_prefix_index", ["search_analyzer"] = "keyword" },
        },
    };

    /// <summary>Folded name words (<see cref="SearchText.NameWords"/>), one value per name; position gaps keep names apart.</summary>
    private static JsonObject NameWords() => new()
    {
        ["type"] = "text",
        ["analyzer"] = "name_prefix_index",
        ["search_analyzer"] = "name_words",
        ["position_increment_gap"] = 100,
    };
}
