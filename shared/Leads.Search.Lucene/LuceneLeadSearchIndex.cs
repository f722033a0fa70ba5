using Leads.EventStore;
using Leads.Projections;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Leads.Search.Lucene.LeadSearchFields;

namespace Leads.Search.Lucene;

/// <summary>
/// The embedded search index: lead documents and parked events in a Lucene.NET index folder, written through one
/// <see cref="LuceneIndexWriter"/> (which also keeps the checkpoint, as the user data of each commit). Batches are
/// written as they come; a near-real-time searcher is refreshed about every second and the writes committed with their
/// checkpoint on a timer (never once per event). After a crash the index reopens at its last commit, whose checkpoint
/// matches its documents; replaying the events after it is harmless because each document keeps the position of its
/// last event. A batch that erased a lead is committed at once and its deleted documents expunged from the segments
/// (<see cref="LuceneIndexWriter.ExpungeDeletesLocked"/>). Other processes read the folder with <see cref="LuceneLeadSearchReader"/>.
/// </summary>
public sealed class LuceneLeadSearchIndex : ILeadSearchIndex, IDisposable, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly LuceneIndexWriter _index;

    // Documents written since the last refresh, so a batch loads what the previous one wrote without a refresh per batch.
    private readonly Dictionary<string, StoredDocument<LeadSearchDocument>> _unrefreshed = new(StringComparer.Ordinal);

    // What the last load found for each stream (null: no document) and nothing has written since: the batch's commit
    // checks its position guard against it instead of reading and parsing every document a second time.
    private readonly Dictionary<string, GlobalPosition?> _loadedPositions = new(StringComparer.Ordinal);

    public LuceneLeadSearchIndex(LuceneSearchIndexOptions options, ILogger<LuceneLeadSearchIndex>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _index = new LuceneIndexWriter(options, _logger, _unrefreshed.Clear);
    }

    /// <summary>The checkpoint of the last durable commit (what a restart resumes from).</summary>
    public GlobalPosition? CommittedCheckpoint => _index.CommittedCheckpoint;

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(_index.Checkpoint);

    public Task<IReadOnlyList<LeadSearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_index.WithSearcher(searcher => LeadSearchQueries.Search(searcher, query)));
    }

    public bool KeepsDocuments => true;

    public async Task<IReadOnlyDictionary<string, StoredDocument<LeadSearchDocument>>> LoadAsync(
        IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        return await _index.LockedAsync(() => _index.WithSearcher(searcher =>
        {
            var found = new Dictionary<string, StoredDocument<LeadSearchDocument>>(StringComparer.Ordinal);
            _loadedPositions.Clear();
            foreach (var streamId in streamIds)
            {
                var stored = StoredLead(searcher, streamId);
                _loadedPositions[streamId] = stored?.Position;
                if (stored is not null)
                {
                    found[streamId] = stored;
                }
            }

            return found;
        }), cancellationToken).ConfigureAwait(false);
    }

    public Task CommitAsync(ProjectionCommit<LeadSearchDocument> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return _index.LockedAsync(() =>
        {
            _index.WithSearcher(searcher =>
            {
                foreach (var write in commit.Documents)
                {
                    var stored = StoredPosition(searcher, write.StreamId);
                    if (stored is { } position && position >= write.Position)
                    {
                        continue; // already applied: a replayed or older write
                    }

                    WriteLead(write.StreamId, write.Document, write.Position, isNew: stored is null);
                }

                return 0;
            });

            foreach (var parked in commit.Parked)
            {
                _index.Writer.UpdateDocument(ParkedTerm(parked.EventId), ToLucene(parked));
            }

            _index.Checkpoint = commit.Checkpoint;
            _index.Written();
            if (LeadSearchProjection.Erases(commit.Documents))
            {
                _index.ExpungeDeletesLocked();
            }

            return 0;
        }, cancellationToken);
    }

    public Task RewindAsync(ProjectionRewind<LeadSearchDocument> rewind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewind);
        return _index.LockedAsync(() =>
        {
            _loadedPositions.Clear();
            var writer = _index.Writer;
            if (rewind.From is not { } from)
            {
                writer.DeleteAll();
            }
            else
            {
                foreach (var document in rewind.Documents)
                {
                    if (document.Document is null)
                    {
                        writer.DeleteDocuments(LeadTerm(document.StreamId));
                    }
                    else
                    {
                        writer.UpdateDocument(LeadTerm(document.StreamId),
                            ToLucene(document.StreamId, document.Document, document.Position ?? document.Document.Position));
                    }
                }

                _index.RefreshLocked();
                var parkedSince = _index.WithSearcher(s => LeadSearchQueries.ListParked(s, null)).Where(p => p.Position >= from);
                foreach (var parked in parkedSince)
                {
                    writer.DeleteDocuments(ParkedTerm(parked.EventId));
                }
            }

            _index.Checkpoint = rewind.Checkpoint;
            _index.CommitLocked();
            _index.RefreshLocked();
            _logger.LogInformation("Search index rewound from {From} to checkpoint {Checkpoint}",
                rewind.From?.ToString() ?? "the start", rewind.Checkpoint?.ToString() ?? "none");
            return 0;
        }, cancellationToken);
    }

    public Task CompleteParkedReplayAsync(ParkedReplay<LeadSearchDocument> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return _index.LockedAsync(() =>
        {
            _loadedPositions.Clear();
            if (replay.Document is { } write
                && !(_index.WithSearcher(s => StoredLead(s, write.StreamId)) is { } stored && stored.Position >= write.Position))
            {
                WriteLead(write.StreamId, write.Document, write.Position, isNew: false);
            }

            foreach (var applied in replay.Applied)
            {
                _index.Writer.DeleteDocuments(ParkedTerm(applied.EventId));
            }

            if (replay.StillFailing is { } failing)
            {
                _index.Writer.UpdateDocument(ParkedTerm(failing.EventId), ToLucene(failing));
            }

            _index.Written();
            _index.CommitLocked();
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        _index.FreshAsync(s => LeadSearchQueries.StreamsChangedSince(s, from), cancellationToken);

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        _index.FreshAsync(s => LeadSearchQueries.LastPositionBefore(s, before), cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        _index.FreshAsync(s => LeadSearchQueries.ListParked(s, streamId), cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        _index.FreshAsync(LeadSearchQueries.CountParked, cancellationToken);

    public Task FlushAsync(CancellationToken cancellationToken) =>
        _index.LockedAsync(() =>
        {
            _index.CommitLocked();
            _index.RefreshLocked();
            return 0;
        }, cancellationToken);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public ValueTask DisposeAsync() => _index.DisposeAsync();

    private StoredDocument<LeadSearchDocument>? StoredLead(IndexSearcher searcher, string streamId) =>
        _unrefreshed.TryGetValue(streamId, out var written) ? written : LeadSearchQueries.FindLead(searcher, streamId);

    /// <summary>The position of the stream's document in the index now (null: none), without parsing it when the last load saw it.</summary>
    private GlobalPosition? StoredPosition(IndexSearcher searcher, string streamId) =>
        _unrefreshed.TryGetValue(streamId, out var written) ? written.Position
        : _loadedPositions.TryGetValue(streamId, out var loaded) ? loaded
        : LeadSearchQueries.FindLead(searcher, streamId)?.Position;

    /// <summary>
    /// A lead found neither in the searcher nor among the writes since its last refresh is new: it is added without a
    /// delete term, which spares Lucene resolving one per document at flush (most of a rebuild's writes).
    /// </summary>
    private void WriteLead(string streamId, LeadSearchDocument document, GlobalPosition position, bool isNew)
    {
        var lucene = ToLucene(streamId, document, position);
        if (isNew)
        {
            _index.Writer.AddDocument(lucene);
        }
        else
        {
            _index.Writer.UpdateDocument(LeadTerm(streamId), lucene);
        }

        _unrefreshed[streamId] = new StoredDocument<LeadSearchDocument>(streamId, document, position);
        _loadedPositions.Remove(streamId);
    }
}
