using System.Runtime.CompilerServices;
using Leads.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, shared by any number of
/// processes. Appends from all callers of this instance are group-committed by one writer; reads and subscriptions
/// use pooled read-only connections and page through the file.
/// </summary>
/// <remarks>
/// Choices the port leaves open:
/// <list type="bullet">
/// <item>An append must carry at least one event: an empty list is an <see cref="ArgumentException"/> (the port's
/// success result cannot say "no stream"), as are duplicate event ids within one append.</item>
/// <item>Idempotency: when the first event id is already stored in this stream, the append is a retry if all ids
/// match the stored events in order at a place the expected revision allows (any place for Any and StreamExists);
/// it then writes nothing and returns the original success. Otherwise it is a wrong expected revision, as
/// EventStoreDB answers a partly matching retry. An id stored in another stream is an
/// <see cref="InvalidOperationException"/>: event ids are unique across the store.</item>
/// <item>A caller's cancellation skips an append the writer has not started; once in a batch it completes.</item>
/// <item>Subscriptions end quietly when their token is cancelled (no exception reaches the consumer), and throw
/// <see cref="ObjectDisposedException"/> when the store is disposed under them.</item>
/// </list>
/// </remarks>
public sealed class SqliteEventStore : IEventStore, IAsyncDisposable
{
    private readonly SqliteEventStoreOptions _options;
    private readonly ReadSessionPool _readers;
    private readonly SqliteCommitSignal _signal;
    private readonly GroupCommitWriter _writer;
    private readonly CancellationTokenSource _disposing = new();
    private readonly string _storeId;
    private int _disposed;

    public SqliteEventStore(string path)
        : this(path, SqliteEventStoreOptions.Default)
    {
    }

    public SqliteEventStore(string path, SqliteEventStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadPageSize, 1);
        _options = options;
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _signal = new SqliteCommitSignal(Path);
        var database = new SqliteDatabase(Path, options);
        var writer = database.OpenWriter();
        _storeId = SqliteDatabase.ReadStoreId(writer);
        var checkpointer = options.CheckpointInterval > TimeSpan.Zero
            ? new WalCheckpointer(database.OpenCheckpointer(), options.CheckpointInterval)
            : null;
        _writer = new GroupCommitWriter(writer, _signal, options.MaxAppendsPerCommit, checkpointer);
        _readers = new ReadSessionPool(database, options.MaxIdleReadConnections);
    }

    /// <summary>The full path of the store file.</summary>
    public string Path { get; }

    /// <summary>How many commits the writer made and how many appends they carried.</summary>
    public GroupCommitStatistics GroupCommits => _writer.Statistics;

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        if (Validate(streamId, events) is { } invalid)
        {
            return Task.FromException<AppendResult>(invalid);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<AppendResult>(cancellationToken);
        }

        var append = new PendingAppend(streamId, expected, events, cancellationToken);
        return _writer.TryEnqueue(append)
            ? append.Task
            : Task.FromException<AppendResult>(new ObjectDisposedException(nameof(SqliteEventStore)));
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        string streamId, ReadDirection direction, StreamPosition from, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var forwards = direction == ReadDirection.Forwards;
        if (forwards && from.IsEnd)
        {
            yield break;
        }

        var next = from.IsEnd ? long.MaxValue : EventRows.ToInt64(from.Revision ?? 0);
        var remaining = maxCount;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var limit = (int)Math.Min(remaining, _options.ReadPageSize);
            var revision = next;
            var page = _readers.Use(session => session.ReadStreamPage(streamId, direction, revision, limit));
            foreach (var recorded in page)
            {
                yield return recorded;
            }

            remaining -= page.Count;
            if (page.Count < limit)
            {
                yield break;
            }

            var last = (long)page[^1].StreamRevision;
            if (!forwards && last == 0)
            {
                yield break;
            }

            next = forwards ? last + 1 : last - 1;
            await Task.Yield();
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var position = after is { } p ? EventRows.ToInt64(p.Commit) : 0;
        var remaining = maxCount;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var limit = (int)Math.Min(remaining, _options.ReadPageSize);
            var afterSequence = position;
            var page = _readers.Use(session => session.ReadAllPage(afterSequence, limit));
            foreach (var recorded in page)
            {
                yield return recorded;
            }

            remaining -= page.Count;
            if (page.Count < limit)
            {
                yield break;
            }

            position = (long)page[^1].Position.Commit;
            await Task.Yield();
        }
    }

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(
        GlobalPosition? after, long maxCount, SubscriptionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        var position = after is { } p ? EventRows.ToInt64(p.Commit) : 0;
        var remaining = maxCount;
        while (remaining > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var limit = (int)Math.Min(remaining, _options.ReadPageSize);
            var afterSequence = position;
            var page = _readers.Use(session => session.ReadFilteredPage(afterSequence, limit, filter));
            foreach (var recorded in page)
            {
                yield return recorded;
            }

            remaining -= page.Count;
            if (page.Count < limit)
            {
                yield break;
            }

            position = (long)page[^1].Position.Commit;
            await Task.Yield();
        }
    }

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(SubscriptionStart start, SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_options.WatchOtherProcessesCommits)
        {
            _signal.TryWatchOtherProcesses();
        }

        var subscription = new AllSubscription(_readers, _signal, _options, _disposing.Token);
        return subscription.RunAsync(start, filter ?? SubscriptionFilter.None, cancellationToken);
    }

    public Task<string> ReadStoreIdAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<string>(cancellationToken) : Task.FromResult(_storeId);

    public Task<GlobalPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var head = _readers.Use(session => session.ReadHeadSequence());
        return Task.FromResult<GlobalPosition?>(head == 0 ? null : GlobalPosition.FromSequence((ulong)head));
    }

    public Task<GlobalPosition?> ReadHeadPositionAsync(SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        var head = _readers.Use(session => session.ReadFilteredHeadSequence(filter));
        return Task.FromResult<GlobalPosition?>(head == 0 ? null : GlobalPosition.FromSequence((ulong)head));
    }

    public Task<long> CountAsync(GlobalPosition? after, SubscriptionFilter filter, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        if (limit <= 0)
        {
            return Task.FromResult(0L);
        }

        var afterSequence = after is { } p ? EventRows.ToInt64(p.Commit) : 0;
        return Task.FromResult(_readers.Use(session => session.CountFiltered(afterSequence, filter, limit)));
    }

    /// <summary>Finishes the commit in flight, fails appends still queued with <see cref="ObjectDisposedException"/>, ends subscriptions and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
        _signal.Dispose();
        _readers.Dispose();
        _disposing.Dispose();
    }

    private static ArgumentException? Validate(string streamId, IReadOnlyList<EventData> events)
    {
        if (string.IsNullOrEmpty(streamId))
        {
            return new ArgumentException("A stream id is required.", nameof(streamId));
        }

        if (events is null || events.Count == 0)
        {
            return new ArgumentException("An append must carry at least one event.", nameof(events));
        }

        HashSet<Guid>? seen = events.Count > 1 ? new HashSet<Guid>(events.Count) : null;
        foreach (var e in events)
        {
            if (e is null || string.IsNullOrEmpty(e.EventType))
            {
                return new ArgumentException("Every event needs a type.", nameof(events));
            }

            if (seen is not null && !seen.Add(e.EventId))
            {
                return new ArgumentException($"Event id {e.EventId} appears twice in one append.", nameof(events));
            }
        }

        return null;
    }
}
