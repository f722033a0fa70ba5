using Leads.EventStore;
using Leads.Projections;
using Lucene.Net.Index;
using Lucene.Net.Search;
using static Leads.Search.Lucene.LeadSearchFields;

namespace Leads.Search.Lucene;

/// <summary>
/// Reads shared by the writer and the read-only reader, on whatever searcher they hold. A search runs twice in rank
/// order: leads whose current values match, sorted by lead id, then leads matched only by historical values. Each
/// candidate is confirmed by <see cref="LeadSearchMatcher"/> on its stored document, which also says which value
/// matched (a name query's words must all match one name, not words spread over several).
/// </summary>
internal static class LeadSearchQueries
{
    private static readonly Sort ByLeadId = new(new SortField(LeadId, SortFieldType.INT64));

    public static IReadOnlyList<LeadSearchHit> Search(IndexSearcher searcher, SearchQuery query)
    {
        var hits = new List<LeadSearchHit>(query.PageSize);
        var current = Match(query, historical: false);
        Collect(searcher, current, query, historical: false, hits);
        if (hits.Count < query.PageSize)
        {
            var historicalOnly = new BooleanQuery
            {
                { Match(query, historical: true), Occur.MUST },
                { current, Occur.MUST_NOT },
            };
            Collect(searcher, historicalOnly, query, historical: true, hits);
        }

        return hits;
    }

    public static StoredDocument<LeadSearchDocument>? FindLead(IndexSearcher searcher, string streamId)
    {
        var top = searcher.Search(new TermQuery(LeadTerm(streamId)), 1);
        return top.TotalHits == 0 ? null : LeadFromLucene(searcher.Doc(top.ScoreDocs[0].Doc));
    }

    public static IReadOnlyList<ParkedEvent> ListParked(IndexSearcher searcher, string? streamId)
    {
        Query query = streamId is null
            ? new TermQuery(new Term(Kind, ParkedKind))
            : new BooleanQuery
            {
                { new TermQuery(new Term(Kind, ParkedKind)), Occur.MUST },
                { new TermQuery(new Term(ParkedStream, streamId)), Occur.MUST },
            };
        return All(searcher, query).Select(ParkedFromLucene).OrderBy(p => p.Position).ToList();
    }

    public static int CountParked(IndexSearcher searcher) =>
        searcher.Search(new TermQuery(new Term(Kind, ParkedKind)), 1).TotalHits;

    public static IReadOnlyList<string> StreamsChangedSince(IndexSearcher searcher, GlobalPosition from)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(Kind, LeadKind)), Occur.MUST },
        };
        return All(searcher, query, FieldCacheRangeFilter.NewInt64Range(Position, (long)from.Commit, null, true, true))
            .Where(d => ReadPosition(d) >= from)
            .Select(d => d.Get(LeadStream))
            .ToList();
    }

    /// <summary>The highest position below <paramref name="before"/> of any lead document or parked event.</summary>
    public static GlobalPosition? LastPositionBefore(IndexSearcher searcher, GlobalPosition before)
    {
        if (before.Commit == 0)
        {
            return null;
        }

        var query = new MatchAllDocsQuery();
        var below = FieldCacheRangeFilter.NewInt64Range(Position, null, (long)before.Commit, true, true);
        var newestFirst = new Sort(new SortField(Position, SortFieldType.INT64, reverse: true));
        ScoreDoc? after = null;
        while (true)
        {
            var top = after is null ? searcher.Search(query, below, 64, newestFirst) : searcher.SearchAfter(after, query, below, 64, newestFirst);
            var positions = top.ScoreDocs
                .Select(sd => ReadPosition(searcher.Doc(sd.Doc)))
                .Where(p => p < before)
                .ToList();
            if (positions.Count > 0)
            {
                return positions.Max();
            }

            if (top.ScoreDocs.Length < 64)
            {
                return null;
            }

            after = top.ScoreDocs[^1];
        }
    }

    private static IEnumerable<global::Lucene.Net.Documents.Document> All(IndexSearcher searcher, Query query, Filter? filter = null)
    {
        var top = searcher.Search(query, filter, Math.Max(1, searcher.IndexReader.MaxDoc));
        return top.ScoreDocs.Select(sd => searcher.Doc(sd.Doc));
    }

    private static void Collect(IndexSearcher searcher, Query query, SearchQuery search, bool historical, List<LeadSearchHit> hits)
    {
        var chunk = Math.Max(search.PageSize * 2, 16);
        ScoreDoc? after = null;
        while (hits.Count < search.PageSize)
        {
            var top = after is null
                ? searcher.Search(query, null, chunk, ByLeadId)
                : searcher.SearchAfter(after, query, null, chunk, ByLeadId);
            foreach (var scoreDoc in top.ScoreDocs)
            {
                var hit = LeadSearchMatcher.Match(search, ReadLead(searcher.Doc(scoreDoc.Doc)));
                if (hit is not null && hit.Historical == historical)
                {
                    hits.Add(hit);
                    if (hits.Count == search.PageSize)
                    {
                        return;
                    }
                }
            }

            if (top.ScoreDocs.Length < chunk)
            {
                return;
            }

            after = top.ScoreDocs[^1];
        }
    }

    private static Query Match(SearchQuery query, bool historical)
    {
        switch (query.Kind)
        {
            case SearchQueryKind.Email:
                return new TermQuery(new Term(historical ? EmailHistorical : EmailCurrent, query.Email));
            case SearchQueryKind.Phone:
                return new PrefixQuery(new Term(historical ? PhoneHistorical : PhoneCurrent, query.PhoneDigits));
            default:
                var words = new BooleanQuery();
                foreach (var word in query.NameWords)
                {
                    words.Add(new PrefixQuery(new Term(historical ? NameHistorical : NameCurrent, word)), Occur.MUST);
                }

                return words;
        }
    }
}
