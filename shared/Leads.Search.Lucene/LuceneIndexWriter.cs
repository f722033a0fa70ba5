using System.Diagnostics;
using Leads.EventStore;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;

namespace Leads.Search.Lucene;

/// <summary>
/// One writer over a Lucene.NET index folder (Lucene's write lock refuses a second process) and the projection's
/// checkpoint in it: writes are made under one gate, a near-real-time searcher is refreshed every
/// <see cref="LuceneSearchIndexOptions.RefreshInterval"/>, and the writes are committed with the checkpoint as the
/// commit's user data at most every <see cref="LuceneSearchIndexOptions.CommitInterval"/>, so the checkpoint is durable
/// exactly when the documents of its commit are.
/// </summary>
internal sealed class LuceneIndexWriter : IAsyncDisposable
{
    private readonly LuceneSearchIndexOptions _options;
    private readonly ILogger _logger;
    private readonly Action _refreshed;
    private readonly FSDirectory _directory;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Stopwatch _sinceCommit = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SearcherManager _searchers;
    private readonly Task _maintenance;
    private bool _uncommitted;
    private bool _unrefreshedWrites;
    private bool _disposed;

    /// <param name="refreshed">Called (under the gate) once searches see every write so far.</param>
    public LuceneIndexWriter(LuceneSearchIndexOptions options, ILogger logger, Action refreshed)
    {
        _options = options;
        _logger = logger;
        _refreshed = refreshed;
        System.IO.Directory.CreateDirectory(options.Path);
        _directory = FSDirectory.Open(options.Path);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = options.RamBufferSizeMb,
            // ExpungeDeletesLocked rewrites every segment with a deleted document, not only those past 10% deleted.
            MergePolicy = new TieredMergePolicy { ForceMergeDeletesPctAllowed = 0 },
        };
        Writer = new IndexWriter(_directory, config);
        _searchers = new SearcherManager(Writer, applyAllDeletes: true, searcherFactory: null);
        Checkpoint = CommittedCheckpoint = CheckpointCommitData.Read(Writer.CommitData);
        _logger.LogInformation("Search index at {IndexPath} opened with checkpoint {Checkpoint}", options.Path, Checkpoint?.ToString() ?? "none");
        _maintenance = MaintainAsync(_stopping.Token);
    }

    public IndexWriter Writer { get; }

    /// <summary>The checkpoint of the writes so far; it becomes durable with their commit.</summary>
    public GlobalPosition? Checkpoint { get; set; }

    /// <summary>The checkpoint of the last durable commit (what a restart resumes from).</summary>
    public GlobalPosition? CommittedCheckpoint { get; private set; }

    /// <summary>Runs <paramref name="write"/> under the gate (one writer at a time).</summary>
    public async Task<T> LockedAsync<T>(Func<T> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return write();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads that must see every write so far (parked events, rewinds) refresh first.</summary>
    public Task<T> FreshAsync<T>(Func<IndexSearcher, T> read, CancellationToken cancellationToken) =>
        LockedAsync(() =>
        {
            RefreshLocked();
            return WithSearcher(read);
        }, cancellationToken);

    public T WithSearcher<T>(Func<IndexSearcher, T> read)
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

    /// <summary>Writes were made (under the gate): commit and refresh them in time.</summary>
    public void Written()
    {
        _uncommitted = true;
        _unrefreshedWrites = true;
    }

    public void RefreshLocked()
    {
        if (!_unrefreshedWrites)
        {
            return;
        }

        _searchers.MaybeRefreshBlocking();
        _refreshed();
        _unrefreshedWrites = false;
    }

    public void CommitLocked()
    {
        if (!_uncommitted && Checkpoint == CommittedCheckpoint)
        {
            return;
        }

        Writer.SetCommitData(CheckpointCommitData.From(Checkpoint));
        Writer.Commit();
        CommittedCheckpoint = Checkpoint;
        _uncommitted = false;
        _unrefreshedWrites = true; // deletes applied by the commit become visible with the next refresh
        _sinceCommit.Restart();
    }

    /// <summary>
    /// Leaves no deleted document on disk (after an erasure, the forgotten lead's old versions): commits, rewrites every
    /// segment holding a deleted document without it, commits again, and refreshes, so the searcher that still used
    /// the old segments lets go of them and their files are deleted.
    /// </summary>
    public void ExpungeDeletesLocked()
    {
        CommitLocked();
        Writer.ForceMergeDeletes(doWait: true);
        _uncommitted = true;
        CommitLocked();
        RefreshLocked();
        Writer.DeleteUnusedFiles();
        _logger.LogInformation("Search index at {IndexPath}: deleted documents expunged after an erasure", _options.Path);
    }

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
            Writer.Dispose();
            _directory.Dispose();
            _logger.LogInformation("Search index at {IndexPath} closed at checkpoint {Checkpoint}", _options.Path, CommittedCheckpoint?.ToString() ?? "none");
        }
        finally
        {
            _gate.Release();
            _stopping.Dispose();
        }
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
