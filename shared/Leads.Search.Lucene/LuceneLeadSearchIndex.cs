using System.Diagnostics;
using Leads.EventStore;
using Leads.Projections;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static Leads.Search.Lucene.LeadSearchFields;

namespace Leads.Search.Lucene;

/// <summary>
/// The embedded search index: a Lucene.NET index folder owned by one writer process (Lucene's write lock refuses a
/// second). Batches are written to the IndexWriter as they come; a near-real-time searcher is refreshed every
/// <see cref="LuceneSearchIndexOptions.RefreshInterval"/>, and the writes are committed, with the checkpoint as the
/// commit's user data, at most every <see cref="LuceneSearchIndexOptions.CommitInterval"/> (never once per event).
/// After a crash the index reopens at its last commit, whose checkpoint matches its documents; replaying the events
/// after it is harmless because each document keeps the position of its last event. Other processes read the folder
/// with <see cref="LuceneLeadSearchReader"/>.
/// </summary>
public sealed class LuceneLeadSearchIndex : ILeadSearchIndex, IDisposable, IAsyncDisposable
{
    private readonly LuceneSearchIndexOptions _options;
    private readonly ILogger _logger;
    private readonly FSDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Stopwatch _sinceCommit = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _maintenance;

    // Documents written since the last refresh, so a batch loads what the previous one wrote without a refresh per batch.
    private readonly Dictionary<string, StoredDocument<LeadSearchDocument>> _unrefreshed = new(StringComparer.Ordinal);

    // What the last load found for each stream (null: no document) and nothing has written since: the batch's commit
    // checks its position guard against it instead of reading and parsing every document a second time.
    private readonly Dictionary<string, GlobalPosition?> _loadedPositions = new(StringComparer.Ordinal);
    private GlobalPosition? _checkpoint;
    private GlobalPosition? _committedCheckpoint;
    private bool _uncommitted;
    private bool _unrefreshedWrites;
    private bool _disposed;

    public LuceneLeadSearchIndex(LuceneSearchIndexOptions options, ILogger<LuceneLeadSearchIndex>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        System.IO.Directory.CreateDirectory(options.Path);
        _directory = FSDirectory.Open(options.Path);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = options.RamBufferSizeMb,
        };
        _writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
        _checkpoint = _committedCheckpoint = CheckpointCommitData.Read(_writer.CommitData);
        _logger.LogInformation("Search index at {IndexPath} opened with checkpoint {Checkpoint}", options.Path, _checkpoint?.ToString() ?? "none");
        _maintenance = MaintainAsync(_stopping.Token);
    }

    /// <summary>The checkpoint of the last durable commit (what a restart resumes from).</summary>
    public GlobalPosition? CommittedCheckpoint => _committedCheckpoint;

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => Task.FromResult(_checkpoint);

    public Task<IReadOnlyList<LeadSearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(WithSearcher(searcher => LeadSearchQueries.Search(searcher, query)));
    }

    public async Task<IReadOnlyDictionary<string, StoredDocument<LeadSearchDocument>>> LoadAsync(
        IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var found = new Dictionary<string, StoredDocument<LeadSearchDocument>>(StringComparer.Ordinal);
            _loadedPositions.Clear();
            WithSearcher(searcher =>
            {
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
            });
            return found;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CommitAsync(ProjectionCommit<LeadSearchDocument> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WithSearcher(searcher =>
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
                _writer.UpdateDocument(ParkedTerm(parked.EventId), ToLucene(parked));
            }

            _checkpoint = commit.Checkpoint;
            _uncommitted = true;
            _unrefreshedWrites = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RewindAsync(ProjectionRewind<LeadSearchDocument> rewind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewind);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _loadedPositions.Clear();
            if (rewind.From is not { } from)
            {
                _writer.DeleteAll();
            }
            else
            {
                foreach (var document in rewind.Documents)
                {
                    if (document.Document is null)
                    {
                        _writer.DeleteDocuments(LeadTerm(document.StreamId));
                    }
                    else
                    {
                        _writer.UpdateDocument(LeadTerm(document.StreamId),
                            ToLucene(document.StreamId, document.Document, document.Position ?? document.Document.Position));
                    }
                }

                RefreshLocked();
                var parkedSince = WithSearcher(s => LeadSearchQueries.ListParked(s, null)).Where(p => p.Position >= from);
                foreach (var parked in parkedSince)
                {
                    _writer.DeleteDocuments(ParkedTerm(parked.EventId));
                }
            }

            _checkpoint = rewind.Checkpoint;
            CommitLocked();
            RefreshLocked();
            _logger.LogInformation("Search index rewound from {From} to checkpoint {Checkpoint}",
                rewind.From?.ToString() ?? "the start", rewind.Checkpoint?.ToString() ?? "none");
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CompleteParkedReplayAsync(ParkedReplay<LeadSearchDocument> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _loadedPositions.Clear();
            if (replay.Document is { } write
                && !(WithSearcher(s => StoredLead(s, write.StreamId)) is { } stored && stored.Position >= write.Position))
            {
                WriteLead(write.StreamId, write.Document, write.Position, isNew: false);
            }

            foreach (var applied in replay.Applied)
            {
                _writer.DeleteDocuments(ParkedTerm(applied.EventId));
            }

            if (replay.StillFailing is { } failing)
            {
                _writer.UpdateDocument(ParkedTerm(failing.EventId), ToLucene(failing));
            }

            _uncommitted = true;
            _unrefreshedWrites = true;
            CommitLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        await FreshAsync(s => LeadSearchQueries.StreamsChangedSince(s, from), cancellationToken).ConfigureAwait(false);

    public async Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        await FreshAsync(s => LeadSearchQueries.LastPositionBefore(s, before), cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        await FreshAsync(s => LeadSearchQueries.ListParked(s, streamId), cancellationToken).ConfigureAwait(false);

    public async Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        await FreshAsync(LeadSearchQueries.CountParked, cancellationToken).ConfigureAwait(false);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CommitLocked();
            RefreshLocked();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _maintenance.ConfigureAwait(false);
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            CommitLocked();
            _searchers.Dispose();
            _writer.Dispose();
            _directory.Dispose();
            _logger.LogInformation("Search index at {IndexPath} closed at checkpoint {Checkpoint}", _options.Path, _committedCheckpoint?.ToString() ?? "none");
        }
        finally
        {
            _gate.Release();
            _stopping.Dispose();
        }
    }

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
            _writer.AddDocument(lucene);
        }
        else
        {
            _writer.UpdateDocument(LeadTerm(streamId), lucene);
        }

        _unrefreshed[streamId] = new StoredDocument<LeadSearchDocument>(streamId, document, position);
        _loadedPositions.Remove(streamId);
    }

    private T WithSearcher<T>(Func<IndexSearcher, T> read)
    {
        var searcher = _searchers.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    /// <summary>Reads that must see every write so far (parked events, rewinds) refresh first.</summary>
    private async Task<T> FreshAsync<T>(Func<IndexSearcher, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            RefreshLocked();
            return WithSearcher(read);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void RefreshLocked()
    {
        if (!_unrefreshedWrites)
        {
            return;
        }

        _searchers.MaybeRefreshBlocking();
        _unrefreshed.Clear();
        _unrefreshedWrites = false;
    }

    private void CommitLocked()
    {
        if (!_uncommitted && _checkpoint == _committedCheckpoint)
        {
            return;
        }

        _writer.SetCommitData(CheckpointCommitData.From(_checkpoint));
        _writer.Commit();
        _committedCheckpoint = _checkpoint;
        _uncommitted = false;
        _unrefreshedWrites = true; // deletes applied by the commit become visible with the next refresh
        _sinceCommit.Restart();
    }

    private async Task MaintainAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_options.RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                await _gate.WaitAsync(stopping).ConfigureAwait(false);
                try
                {
                    if (_uncommitted && _sinceCommit.Elapsed >= _options.CommitInterval)
                    {
                        CommitLocked();
                    }

                    RefreshLocked();
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
                {
                    _logger.LogError(ex, "Search index at {IndexPath}: refresh or commit failed", _options.Path);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // closing
        }
    }
}
