using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Leads.EventStore;
using Leads.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Leads.Search.Elasticsearch.SearchQueries;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// The query side of the Elasticsearch index (the query service): searches, the checkpoint and parked events read
/// through the alias, so they follow the index the alias points at, also across a reset's swap. A search runs twice in
/// rank order like the Lucene adapter: leads whose current values match, by lead id, then leads matched only by
/// historical values; each candidate is confirmed by <see cref="LeadSearchMatcher"/> on its stored document, which
/// also says which value matched (a name query's words must all match one name).
/// </summary>
public sealed class ElasticsearchLeadSearchReader : ILeadSearchReader
{
    private const int MaxParked = 10_000;

    public ElasticsearchLeadSearchReader(ElasticsearchClient client, ElasticsearchSearchOptions options, ILogger<ElasticsearchLeadSearchReader>? logger = null)
        : this(new SearchServer(client, options, (ILogger?)logger ?? NullLogger.Instance), options)
    {
    }

    internal ElasticsearchLeadSearchReader(SearchServer server, ElasticsearchSearchOptions options)
    {
        Server = server;
        Options = options;
    }

    internal SearchServer Server { get; }

    internal ElasticsearchSearchOptions Options { get; }

    public Task<IReadOnlyList<LeadSearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken) =>
        SearchInAsync(Options.Alias, query, cancellationToken);

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) =>
        ReadCheckpointInAsync(Options.Alias, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        ListParkedInAsync(Options.Alias, streamId, cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        CountParkedInAsync(Options.Alias, cancellationToken);

    internal async Task<IReadOnlyList<LeadSearchHit>> SearchInAsync(string index, SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hits = new List<LeadSearchHit>(query.PageSize);
        await CollectAsync(index, query, historical: false, hits, cancellationToken).ConfigureAwait(false);
        if (hits.Count < query.PageSize)
        {
            await CollectAsync(index, query, historical: true, hits, cancellationToken).ConfigureAwait(false);
        }

        return hits;
    }

    internal async Task<GlobalPosition?> ReadCheckpointInAsync(string index, CancellationToken cancellationToken)
    {
        var response = await Server.SendAsync(new GetRequest(index, SearchFields.CheckpointId), static (c, r, ct) => c.GetAsync<JsonObject>(r, ct), cancellationToken, 404)
            .ConfigureAwait(false);
        return SearchResponses.FoundSource(response) is { } source ? SearchResponses.ReadPosition(source) : null;
    }

    internal async Task<IReadOnlyList<ParkedEvent>> ListParkedInAsync(string index, string? streamId, CancellationToken cancellationToken)
    {
        var response = await Server.SendAsync(ParkedSearch(index, streamId, MaxParked), static (c, r, ct) => c.SearchAsync<JsonObject>(r, ct), cancellationToken, 404)
            .ConfigureAwait(false);
        return [.. SearchResponses.Hits(response).Select(h => SearchResponses.ReadParked(h.Source))];
    }

    internal async Task<int> CountParkedInAsync(string index, CancellationToken cancellationToken)
    {
        var response = await Server.SendAsync(CountParked(index), static (c, r, ct) => c.CountAsync(r, ct), cancellationToken, 404).ConfigureAwait(false);
        return response.ApiCallDetails.HttpStatusCode == 404 ? 0 : (int)response.Count;
    }

    private async Task CollectAsync(string index, SearchQuery query, bool historical, List<LeadSearchHit> hits, CancellationToken cancellationToken)
    {
        var chunk = Math.Max(query.PageSize * 2, 16);
        long? after = null;
        while (hits.Count < query.PageSize)
        {
            var response = await Server.SendAsync(
                SearchQueries.Search(index, query, historical, chunk, after), static (c, r, ct) => c.SearchAsync<JsonObject>(r, ct), cancellationToken, 404).ConfigureAwait(false);
            if (response.ApiCallDetails.HttpStatusCode == 404)
            {
                return; // no index yet: nothing projected
            }

            var page = SearchResponses.Hits(response);
            foreach (var candidate in page)
            {
                var hit = LeadSearchMatcher.Match(query, SearchResponses.ReadLead(candidate.Source));
                if (hit is not null && hit.Historical == historical)
                {
                    hits.Add(hit);
                    if (hits.Count == query.PageSize)
                    {
                        return;
                    }
                }
            }

            if (page.Count < chunk)
            {
                return;
            }

            after = SearchResponses.SortValue(page[^1]);
        }
    }
}
