using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
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
    public static CreateIndexRequest CreateIndex(string index, ElasticsearchSearchOptions options, bool withAlias) => new(index)
    {
        Settings = Settings(options),
        Mappings = Mappings(),
        Aliases = withAlias ? new Dictionary<Name, Alias> { [options.Alias] = new() } : null,
    };

    public static IndexSettings Settings(ElasticsearchSearchOptions options) => new()
    {
        NumberOfShards = options.Shards,
        NumberOfReplicas = options.Replicas,
        RefreshInterval = options.RefreshInterval,
        MaxNgramDiff = MaxNameGram,
        // Raw: the typed IndexSettings has no property for this merge policy setting. only_expunge_deletes (after an
        // erasure) rewrites every segment holding a deleted document, not only those past the default 10% deleted: one
        // forgotten lead in a large segment is expunged too.
        OtherSettings = new Dictionary<string, object> { ["merge.policy.expunge_deletes_allowed"] = 0 },
        Analysis = new IndexSettingsAnalysis
        {
            TokenFilters = new TokenFilters
            {
                { "name_prefixes", new EdgeNGramTokenFilter { MinGram = 1, MaxGram = MaxNameGram } },
                { "phone_prefixes", new EdgeNGramTokenFilter { MinGram = 1, MaxGram = MaxPhoneGram } },
            },
            Analyzers = new Analyzers
            {
                { "name_prefix_index", new CustomAnalyzer { Tokenizer = "whitespace", Filter = ["lowercase", "name_prefixes"] } },
                { "name_words", new CustomAnalyzer { Tokenizer = "whitespace", Filter = ["lowercase"] } },
                { "phone_prefix_index", new CustomAnalyzer { Tokenizer = "keyword", Filter = ["phone_prefixes"] } },
            },
        },
    };

    public static TypeMapping Mappings() => new()
    {
        Dynamic = DynamicMapping.Strict,
        Properties = new Properties
        {
            { Kind, new KeywordProperty() },
            { LeadId, new LongNumberProperty() },
            { StreamField, new KeywordProperty() },
            { Status, new KeywordProperty() },
            { PositionCommit, new LongNumberProperty() },
            { PositionPrepare, new LongNumberProperty() },
            { EmailCurrent, new KeywordProperty() },
            { EmailHistorical, new KeywordProperty() },
            { PhoneCurrent, PhoneDigits() },
            { PhoneHistorical, PhoneDigits() },
            { NameCurrent, NameWords() },
            { NameHistorical, NameWords() },
            { TargetCommit, new LongNumberProperty() },
            { TargetPrepare, new LongNumberProperty() },
            { Document, new ObjectProperty { Enabled = false } },
        },
    };

    private static KeywordProperty PhoneDigits() => new()
    {
        Fields = new Properties
        {
            { PrefixSubField, new TextProperty { Analyzer = "phone_prefix_index", SearchAnalyzer = "keyword" } },
        },
    };

    /// <summary>Folded name words (<see cref="SearchText.NameWords"/>), one value per name; position gaps keep names apart.</summary>
    private static TextProperty NameWords() => new()
    {
        Analyzer = "name_prefix_index",
        SearchAnalyzer = "name_words",
        PositionIncrementGap = 100,
    };
}
