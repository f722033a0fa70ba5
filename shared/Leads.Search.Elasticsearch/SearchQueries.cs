using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Reindex;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Leads.EventStore;
using static Leads.Search.Elasticsearch.SearchFields;
using static Leads.Search.Elasticsearch.SearchRequests;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// Every query the search index and its reader send (searches, parked events, what changed since a position, the
/// reindex of a partial reset and the alias swap), built in one place as typed client requests so that tests compare
/// what Elasticsearch receives. The documents and bulk writes are in <see cref="SearchRequests"/>.
/// </summary>
internal static class SearchQueries
{
    public static MultiGetRequest MultiGetLeads(string index, IEnumerable<string> streamIds) =>
        new(index) { Ids = new Ids([.. streamIds.Select(id => new Id(id))]) };

    /// <summary>One page of candidates for a search, current or historical-only, in lead id order after <paramref name="afterLeadId"/>.</summary>
    public static SearchRequest Search(string index, SearchQuery query, bool historical, int size, long? afterLeadId) => new(index)
    {
        Size = size,
        Query = new BoolQuery
        {
            Filter = [Term(Kind, LeadKind), Match(query, historical)],
            MustNot = historical ? [Match(query, historical: false)] : null,
        },
        Sort = [Ascending(LeadId)],
        Source = Only(Document),
        TrackTotalHits = new TrackHits(false),
        SearchAfter = After(afterLeadId),
    };

    /// <summary>What a query kind matches in the current or the historical fields.</summary>
    public static Query Match(SearchQuery query, bool historical) => query.Kind switch
    {
        SearchQueryKind.Email => Term(historical ? EmailHistorical : EmailCurrent, query.Email),
        SearchQueryKind.Phone => Term((historical ? PhoneHistorical : PhoneCurrent) + "." + PrefixSubField, Cut(query.PhoneDigits, MaxPhoneGram)),
        _ => new MatchQuery
        {
            Field = historical ? NameHistorical : NameCurrent,
            Query = string.Join(' ', query.NameWords.Select(w => Cut(w, MaxNameGram))),
            Operator = Operator.And,
        },
    };

    public static SearchRequest ParkedSearch(string index, string? streamId, int size) => new(index)
    {
        Size = size,
        Query = new BoolQuery { Filter = streamId is null ? [Term(Kind, ParkedKind)] : [Term(Kind, ParkedKind), Term(StreamField, streamId)] },
        Sort = [Ascending(PositionCommit), Ascending(PositionPrepare)],
    };

    public static CountRequest CountParked(string index) => new(index) { Query = Term(Kind, ParkedKind) };

    /// <summary>Leads whose position is at or after <paramref name="from"/>, by lead id, paged with search_after.</summary>
    public static SearchRequest StreamsChangedSince(string index, GlobalPosition from, int size, long? afterLeadId) => new(index)
    {
        Size = size,
        Query = new BoolQuery { Filter = [Term(Kind, LeadKind), AtOrAfter(from)] },
        Sort = [Ascending(LeadId)],
        Source = Only(StreamField),
        SearchAfter = After(afterLeadId),
    };

    /// <summary>The newest lead or parked event below <paramref name="before"/>.</summary>
    public static SearchRequest LastPositionBefore(string index, GlobalPosition before) => new(index)
    {
        Size = 1,
        Query = Before(before),
        Sort = [Descending(PositionCommit), Descending(PositionPrepare)],
        Source = Only(PositionCommit, PositionPrepare),
    };

    /// <summary>
    /// A partial reset copies what lies before its position (leads and parked events) into the new index, keeping each
    /// lead's external version, so the replay after it is guarded exactly as before. Refreshed, and answered once done.
    /// </summary>
    public static ReindexRequest ReindexBefore(string source, string destination, GlobalPosition from) => new()
    {
        Source = new Source { Indices = source, Query = Before(from) },
        Dest = new Destination { Index = destination, VersionType = VersionType.External },
        Conflicts = Conflicts.Abort,
        Refresh = true,
        WaitForCompletion = true,
    };

    /// <summary>One atomic alias change: searches move from the old index to the new one at once.</summary>
    public static UpdateAliasesRequest SwapAlias(string alias, string? from, string to)
    {
        var add = new IndexUpdateAliasesAction { Add = new AddAction { Index = to, Alias = alias } };
        return new UpdateAliasesRequest
        {
            Actions = from is null ? [add] : [new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = from, Alias = alias } }, add],
        };
    }

    private static Query Term(string field, string value) => new TermQuery { Field = field, Value = value };

    /// <summary>Leads and parked events before a position (what a partial reset keeps).</summary>
    private static Query Before(GlobalPosition position) => new BoolQuery
    {
        Filter = [new TermsQuery { Field = Kind, Terms = new TermsQueryField([LeadKind, ParkedKind]) }],
        MustNot = [AtOrAfter(position)],
    };

    /// <summary>Position at or after: a later commit, or the same commit with a prepare at or after.</summary>
    private static Query AtOrAfter(GlobalPosition position) => new BoolQuery
    {
        Should =
        [
            new LongNumberRangeQuery { Field = PositionCommit, Gt = Db(position.Commit) },
            new BoolQuery
            {
                Filter =
                [
                    new TermQuery { Field = PositionCommit, Value = Db(position.Commit) },
                    new LongNumberRangeQuery { Field = PositionPrepare, Gte = Db(position.Prepare) },
                ],
            },
        ],
        MinimumShouldMatch = 1,
    };

    private static SortOptions Ascending(string field) => new() { Field = new FieldSort { Field = field, Order = SortOrder.Asc } };

    private static SortOptions Descending(string field) => new() { Field = new FieldSort { Field = field, Order = SortOrder.Desc } };

    private static SourceConfig Only(params string[] fields) => new(new SourceFilter { Includes = fields });

    private static ICollection<FieldValue>? After(long? afterLeadId) => afterLeadId is { } after ? [after] : null;

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
