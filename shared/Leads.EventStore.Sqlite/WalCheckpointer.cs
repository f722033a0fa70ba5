using Microsoft.Data.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a connection and thread of its own, at most once per
/// <c>interval</c> while commits arrive. SQLite's automatic checkpoint would otherwise run inside whichever commit
/// crosses the threshold, and the group commit (every caller in that batch) would wait for the database file's fsync
/// too. Passive: it never blocks the writer or readers; durability is unchanged (commits are durable in the log).
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly TimeSpan _interval;
    private readonly AutoResetEvent _committed = new(false);
    private readonly ManualResetEvent _stopping = new(false);
    private readonly Thread _thread;

    public WalCheckpointer(SqliteConnection connection, TimeSpan interval)
    {
        _connection = connection;
        _interval = interval;
        _checkpoint = connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        _thread = new Thread(Run) { IsBackground = true, Name = "SqliteEventStore checkpointer" };
        _thread.Start();
    }

    /// <summary>Called by the writer after each commit: a checkpoint follows within the interval.</summary>
    public void Committed() => _committed.Set();

    public void Dispose()
    {
        _stopping.Set();
        _thread.Join();
        _checkpoint.Dispose();
        _connection.Dispose();
        _committed.Dispose();
        _stopping.Dispose();
    }

    private void Run()
    {
        WaitHandle[] commitOrStop = [_committed, _stopping];
        while (WaitHandle.WaitAny(commitOrStop) == 0)
        {
            // Let commits gather so one checkpoint (one database fsync) covers many of them.
            if (_stopping.WaitOne(_interval))
            {
                return;
            }

            try
            {
                _checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // Busy with another process's checkpoint: the next commit asks again.
            }
        }
    }
}
