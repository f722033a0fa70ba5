using System.Threading.Channels;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>
/// The store's only writer. A dedicated thread takes every pending append, runs them in one transaction with a
/// savepoint each (one append's failure leaves the others alone), commits once (one fsync for the batch), and only
/// then completes each caller's task.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int SqliteConstraint = 19;

    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });

    private readonly SqliteConnection _connection;
    private readonly StreamAppender _appender;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly SqliteCommitSignal _signal;
    private readonly WalCheckpointer? _checkpointer;
    private readonly int _maxAppendsPerCommit;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopping;
    private long _commits;
    private long _appends;

    public GroupCommitWriter(SqliteConnection connection, SqliteCommitSignal signal, int maxAppendsPerCommit, WalCheckpointer? checkpointer)
    {
        _connection = connection;
        _signal = signal;
        _checkpointer = checkpointer;
        _maxAppendsPerCommit = Math.Max(1, maxAppendsPerCommit);
        _appender = new StreamAppender(connection);
        _begin = Command("BEGIN IMMEDIATE");
        _commit = Command("COMMIT");
        _rollback = Command("ROLLBACK");
        _savepoint = Command("SAVEPOINT append");
        _release = Command("RELEASE append");
        _rollbackToSavepoint = Command("ROLLBACK TO append");
        new Thread(Run) { IsBackground = true, Name = "SqliteEventStore writer" }.Start();
    }

    public GroupCommitStatistics Statistics => new(Interlocked.Read(ref _commits), Interlocked.Read(ref _appends));

    /// <summary>Queues an append; false once the writer is stopping.</summary>
    public bool TryEnqueue(PendingAppend append) => !_stopping && _queue.Writer.TryWrite(append);

    /// <summary>Finishes the batch in flight, fails every append still queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
        _checkpointer?.Dispose();
        _appender.Dispose();
        foreach (var command in new[] { _begin, _commit, _rollback, _savepoint, _release, _rollbackToSavepoint })
        {
            command.Dispose();
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private void Run()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(_maxAppendsPerCommit);
        try
        {
            while (WaitForAppends(reader))
            {
                while (batch.Count < _maxAppendsPerCommit && reader.TryRead(out var append))
                {
                    batch.Add(append);
                }

                if (_stopping)
                {
                    FailAll(batch, new ObjectDisposedException(nameof(SqliteEventStore), "The event store was disposed before this append was written."));
                }
                else if (batch.Count > 0)
                {
                    CommitBatch(batch);
                }

                batch.Clear();
            }
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private static bool WaitForAppends(ChannelReader<PendingAppend> reader)
    {
        var ready = reader.WaitToReadAsync();
        return ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();
    }

    private void CommitBatch(List<PendingAppend> batch)
    {
        try
        {
            var createdTicks = DateTime.UtcNow.Ticks;
            _begin.ExecuteNonQuery();
            foreach (var append in batch)
            {
                RunInSavepoint(append, createdTicks);
            }

            _commit.ExecuteNonQuery();
        }
        catch (Exception error)
        {
            RollBack();
            FailAll(batch, error);
            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _appends, batch.Count);
        _signal.Announce();
        foreach (var append in batch)
        {
            append.Report();
        }

        _checkpointer?.Committed();
    }

    private void RunInSavepoint(PendingAppend append, long createdTicks)
    {
        if (append.CancellationToken.IsCancellationRequested)
        {
            append.Skipped = true;
            return;
        }

        _savepoint.ExecuteNonQuery();
        try
        {
            _appender.Append(append, createdTicks);
        }
        catch (SqliteException error) when (error.SqliteErrorCode == SqliteConstraint)
        {
            _rollbackToSavepoint.ExecuteNonQuery();
            append.Result = null;
            append.Error = new InvalidOperationException(
                $"Append to stream '{append.StreamId}' conflicts with a stored event (an event id is already in use): {error.Message}", error);
        }

        _release.ExecuteNonQuery();
    }

    private void RollBack()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // No transaction left to roll back: SQLite already ended it with the error.
        }
    }

    private static void FailAll(List<PendingAppend> batch, Exception error)
    {
        foreach (var append in batch)
        {
            append.TrySetException(error);
        }
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
