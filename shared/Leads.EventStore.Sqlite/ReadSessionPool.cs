using System.Collections.Concurrent;

namespace Leads.EventStore.Sqlite;

/// <summary>Keeps a few open read-only connections so reads and subscriptions do not reopen the file per page.</summary>
internal sealed class ReadSessionPool(SqliteDatabase database, int maxIdle) : IDisposable
{
    private readonly ConcurrentQueue<ReadSession> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    public ReadSession Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return new ReadSession(database.OpenReader());
    }

    public void Return(ReadSession session)
    {
        if (!_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= maxIdle)
            {
                _idle.Enqueue(session);
                if (_disposed)
                {
                    DisposeIdle();
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        session.Dispose();
    }

    public T Use<T>(Func<ReadSession, T> read)
    {
        var session = Rent();
        try
        {
            return read(session);
        }
        finally
        {
            Return(session);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private void DisposeIdle()
    {
        while (_idle.TryDequeue(out var session))
        {
            session.Dispose();
        }
    }
}
