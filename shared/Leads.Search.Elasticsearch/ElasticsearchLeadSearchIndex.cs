using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Leads.EventStore;
using Leads.Projections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Leads.Search.Elasticsearch.SearchQueries;
using static Leads.Search.Elasticsearch.SearchRequests;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// The search projector's store in Elasticsearch. Searches use the alias (<see cref="ElasticsearchSearchOptions.Alias"/>);
/// the projector writes into the index the alias points at, or, during a reset, into the next versioned index:
/// <list type="bullet">
/// <item>A batch is one bulk request: each lead indexed with external versioning by its position (a 409 means "already
/// applied"), parked events created once; then the checkpoint document, only after the bulk request succeeded.</item>
/// <item>Loads use multi-get, which is real-time: a batch sees the previous batch's writes before any refresh.</item>
/// <item>A reset (<see cref="RewindAsync"/>) creates the next versioned index (copying, for a partial reset, what lies
/// before the reset position with its versions), records the head to reach in a marker document, and the projector
/// replays into it while searches keep answering from the old index. The commit whose checkpoint reaches that head
/// swaps the alias in one atomic request and deletes the old index. With no head to reach the swap is immediate.</item>
/// </list>
/// The alias and its versioned indexes (start-up, rebuild, swap) are <see cref="VersionedIndexes"/>; after a batch that
/// erased a lead, <see cref="DeletedDocumentsExpunger"/> has the deleted documents merged away.
/// </summary>
public sealed class ElasticsearchLeadSearchIndex : ILeadSearchIndex
{
    private readonly ElasticsearchLeadSearchReader _reader;
    private readonly ElasticsearchSearchOptions _options;
    private readonly Func<CancellationToken, Task<GlobalPosition?>>? _readHead;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly VersionedIndexes _indexes;
    private readonly DeletedDocumentsExpunger _expunger;

    /// <param name="readHead">
    /// The last event the search projection receives (<c>IEventStore.ReadHeadPositionAsync(filter)</c>, not the store's
    /// head, which a filtered replay may never reach on EventStoreDB): how far a reset's replay must get before the
    /// alias moves to the rebuilt index. Null swaps at once (the rebuilt index then fills while searched).
    /// </param>
    public ElasticsearchLeadSearchIndex(
        ElasticsearchClient client,
        ElasticsearchSearchOptions options,
        Func<CancellationToken, Task<GlobalPosition?>>? readHead = null,
        ILogger<ElasticsearchLeadSearchIndex>? logger = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _readHead = readHead;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _reader = new ElasticsearchLeadSearchReader(new SearchServer(client, options, _logger), options);
        _indexes = new VersionedIndexes(_reader.Server, options, _logger);
        _expunger = new DeletedDocumentsExpunger(_reader.Server, () => _indexes.WriteIndex, options, clock ?? TimeProvider.System, _logger);
    }

    private SearchServer Server => _reader.Server;

    /// <summary>Where the projector writes: the index being rebuilt, else the one searches use.</summary>
    public string WriteIndex => _indexes.WriteIndex;

    /// <summary>The index the alias points at (empty until opened).</summary>
    public string LiveIndex => _indexes.Live;

    /// <summary>Finds or creates the alias and its index; later calls do nothing. Every other call opens first.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _indexes.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<LeadSearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken) =>
        _reader.SearchAsync(query, cancellationToken);

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) =>
        LockedAsync(ct => _reader.ReadCheckpointInAsync(WriteIndex, ct), cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        LockedAsync(async ct =>
        {
            await RefreshAsync(WriteIndex, ct).ConfigureAwait(false);
            return await _reader.ListParkedInAsync(WriteIndex, streamId, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        LockedAsync(async ct =>
        {
            await RefreshAsync(WriteIndex, ct).ConfigureAwait(false);
            return await _reader.CountParkedInAsync(WriteIndex, ct).ConfigureAwait(false);
        }, cancellationToken);

    public bool KeepsDocuments => true;

    public Task<IReadOnlyDictionary<string, StoredDocument<LeadSearchDocument>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        return LockedAsync<IReadOnlyDictionary<string, StoredDocument<LeadSearchDocument>>>(async ct =>
        {
            var found = new Dictionary<string, StoredDocument<LeadSearchDocument>>(StringComparer.Ordinal);
            if (streamIds.Count == 0)
            {
                return found;
            }

            var response = await Server.SendAsync(MultiGetLeads(WriteIndex, streamIds), static (c, r, t) => c.MultiGetAsync<JsonObject>(r, t), ct).ConfigureAwait(false);
            foreach (var item in response.Docs)
            {
                // An item the node could not read (a per-document error) is loaded as not found, like a missing one.
                if (item.Match(doc => doc is { Found: true } ? doc : null, _ => null) is { Source: { } source } doc)
                {
                    found[doc.Id] = new StoredDocument<LeadSearchDocument>(doc.Id, SearchResponses.ReadLead(source), SearchResponses.ReadPosition(source));
                }
            }

            return found;
        }, cancellationToken);
    }

    public Task CommitAsync(ProjectionCommit<LeadSearchDocument> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return LockedAsync(async ct =>
        {
            await Server.SendBulkAsync(CommitBulk(WriteIndex, commit), ct).ConfigureAwait(false);
            // Only after the bulk request succeeded: the checkpoint never runs ahead of the documents it describes.
            await WriteCheckpointAsync(WriteIndex, commit.Checkpoint, ct).ConfigureAwait(false);
            await _indexes.SwapWhenCaughtUpAsync(commit.Checkpoint, ct).ConfigureAwait(false);
            if (LeadSearchProjection.Erases(commit.Documents))
            {
                _expunger.ErasureWritten();
            }

            return 0;
        }, cancellationToken);
    }

    public Task CompleteParkedReplayAsync(ParkedReplay<LeadSearchDocument> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return LockedAsync(async ct =>
        {
            await Server.SendBulkAsync(ParkedReplayBulk(WriteIndex, replay), ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        LockedAsync<IReadOnlyList<string>>(async ct =>
        {
            await RefreshAsync(WriteIndex, ct).ConfigureAwait(false);
            var streams = new List<string>();
            long? after = null;
            const int page = 1000;
            while (true)
            {
                var response = await Server.SendAsync(StreamsChangedSince(WriteIndex, from, page, after), Search, ct).ConfigureAwait(false);
                var hits = SearchResponses.Hits(response);
                streams.AddRange(hits.Select(h => h.Source![SearchFields.StreamField]!.GetValue<string>()));
                if (hits.Count < page)
                {
                    return streams;
                }

                after = SearchResponses.SortValue(hits[^1]);
            }
        }, cancellationToken);

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        LockedAsync(async ct =>
        {
            await RefreshAsync(WriteIndex, ct).ConfigureAwait(false);
            var response = await Server.SendAsync(LastPositionBefore(WriteIndex, before), Search, ct).ConfigureAwait(false);
            var hits = SearchResponses.Hits(response);
            return hits.Count == 0 ? (GlobalPosition?)null : SearchResponses.ReadPosition(hits[0].Source);
        }, cancellationToken);

    /// <summary>
    /// A reset builds the next versioned index: empty for a reset from the start; for a reset from a position, a copy of
    /// everything before it (with its versions) plus the rewound documents. Its checkpoint is the rewind's. The alias
    /// moves to it once the projector's replay reaches the event store's head as it was now (immediately if there is
    /// nothing to replay); until then searches answer from the current index.
    /// </summary>
    public Task RewindAsync(ProjectionRewind<LeadSearchDocument> rewind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewind);
        return LockedAsync(async ct =>
        {
            var source = WriteIndex;
            var next = await _indexes.CreateNextAsync(ct).ConfigureAwait(false);
            if (rewind.From is { } from)
            {
                await RefreshAsync(source, ct).ConfigureAwait(false);
                await Server.SendAsync(ReindexBefore(source, next, from), static (c, r, t) => c.ReindexAsync(r, t), ct).ConfigureAwait(false);
                await Server.SendBulkAsync(RewoundBulk(next, rewind.Documents), ct).ConfigureAwait(false);
            }

            if (rewind.Checkpoint is { } checkpoint)
            {
                await WriteCheckpointAsync(next, checkpoint, ct).ConfigureAwait(false);
            }

            var target = _readHead is null ? null : await _readHead(ct).ConfigureAwait(false);
            await _indexes.RebuildIntoAsync(next, target, ct).ConfigureAwait(false);
            _logger.LogInformation(
                "Search index reset from {From}: rebuilding into {Index} (searches stay on {Live}) until position {Target}",
                rewind.From?.ToString() ?? "the start", next, _indexes.Live, target?.ToString() ?? "now");
            await _indexes.SwapWhenCaughtUpAsync(rewind.Checkpoint, ct).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Makes everything written searchable now (Elasticsearch also refreshes every <see cref="ElasticsearchSearchOptions.RefreshInterval"/>).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) =>
        LockedAsync(async ct =>
        {
            await RefreshAsync(WriteIndex, ct).ConfigureAwait(false);
            if (_indexes.Building is not null)
            {
                await RefreshAsync(_indexes.Live, ct).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);

    private Task WriteCheckpointAsync(string index, GlobalPosition checkpoint, CancellationToken cancellationToken) =>
        Server.SendAsync(Checkpoint(index, checkpoint), static (c, r, ct) => c.IndexAsync(r, ct), cancellationToken);

    private static Task<SearchResponse<JsonObject>> Search(ElasticsearchClient client, SearchRequest request, CancellationToken cancellationToken) =>
        client.SearchAsync<JsonObject>(request, cancellationToken);

    private Task RefreshAsync(string index, CancellationToken cancellationToken) => _indexes.RefreshAsync(index, cancellationToken);

    private async Task<T> LockedAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _indexes.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await call(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
