using System.Diagnostics;
using Leads.EventStore;
using Leads.Projections;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;

namespace Leads.Search.Lucene;

/// <summary>
/// A read-only view of an index folder written by a <see cref="LuceneLeadSearchIndex"/> in another process (the query
/// service). It sees the writer's commits: before a search it looks for a newer commit at most every
/// <see cref="LuceneSearchIndexOptions.ReopenInterval"/> (DirectoryReader.OpenIfChanged). It never takes the write
/// lock and never writes. A folder with no index yet reads as empty until the projector's first commit.
/// Thread-safe: each search holds a reference on the reader it started with.
/// </summary>
public sealed class LuceneLeadSearchReader : ILeadSearchReader, IDisposable
{
    private readonly LuceneSearchIndexOptions _options;
    private readonly FSDirectory _directory;
    private readonly System.Threading.Lock _reopening = new();
    private readonly Stopwatch _sinceCheck = new();
    private DirectoryReader? _reader;
    private IndexSearcher? _searcher;
    private bool _disposed;

    public LuceneLeadSearchReader(LuceneSearchIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _directory = FSDirectory.Open(new DirectoryInfo(options.Path));
    }

    public Task<IReadOnlyList<LeadSearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(s => LeadSearchQueries.Search(s, query), (IReadOnlyList<LeadSearchHit>)[]));
    }

    /// <summary>
    /// The checkpoint of the newest commit, looked for now whatever the interval: a caller that waits for a position
    /// (read-your-writes, ops waiting for a reset to finish) must not be answered from the commit it had before, and
    /// the searches after it run on this commit or a newer one.
    /// </summary>
    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(s => CheckpointCommitData.Read(((DirectoryReader)s.IndexReader).IndexCommit.UserData), (GlobalPosition?)null, latest: true));

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        Task.FromResult(Read(s => LeadSearchQueries.ListParked(s, streamId), (IReadOnlyList<ParkedEvent>)[]));

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read(LeadSearchQueries.CountParked, 0));

    public void Dispose()
    {
        lock (_reopening)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _reader?.DecRef();
            _reader = null;
            _searcher = null;
        }

        _directory.Dispose();
    }

    private T Read<T>(Func<IndexSearcher, T> read, T whenEmpty, bool latest = false)
    {
        var (reader, searcher) = Acquire(latest);
        if (reader is null || searcher is null)
        {
            return whenEmpty;
        }

        try
        {
            return read(searcher);
        }
        finally
        {
            reader.DecRef();
        }
    }

    /// <summary>
    /// The current reader with a reference held for the caller, reopened first when the interval has passed or the
    /// caller needs the <paramref name="latest"/> commit.
    /// </summary>
    private (DirectoryReader? Reader, IndexSearcher? Searcher) Acquire(bool latest)
    {
        lock (_reopening)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (latest || !_sinceCheck.IsRunning || _sinceCheck.Elapsed >= _options.ReopenInterval)
            {
                try
                {
                    Reopen();
                }
                catch (IOException) when (_reader is not null)
                {
                    // The writer was mid-commit; keep searching the commit we have and look again next time.
                }

                _sinceCheck.Restart();
            }

            _reader?.IncRef();
            return (_reader, _searcher);
        }
    }

    private void Reopen()
    {
        if (_reader is null)
        {
            if (DirectoryReader.IndexExists(_directory))
            {
                _reader = DirectoryReader.Open(_directory);
                _searcher = new IndexSearcher(_reader);
            }

            return;
        }

        var newer = DirectoryReader.OpenIfChanged(_reader);
        if (newer is not null)
        {
            var old = _reader;
            _reader = newer;
            _searcher = new IndexSearcher(newer);
            old.DecRef();
        }
    }
}
