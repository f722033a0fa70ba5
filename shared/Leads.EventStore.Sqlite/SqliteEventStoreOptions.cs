namespace Leads.EventStore.Sqlite;

/// <summary>Tuning knobs of the embedded event store. The defaults suit a command service on a small machine.</summary>
public sealed record SqliteEventStoreOptions
{
    public static SqliteEventStoreOptions Default { get; } = new();

    /// <summary>The most appends the writer runs in one transaction (one fsync).</summary>
    public int MaxAppendsPerCommit { get; init; } = 256;

    /// <summary>Rows fetched per query when reading or catching up; nothing bigger is held in memory.</summary>
    public int ReadPageSize { get; init; } = 512;

    /// <summary>How often a live subscription looks for events written by other processes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long a connection waits for another process's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long the background checkpoint lets commits gather before copying the log into the database file; zero
    /// leaves it to SQLite's automatic checkpoint inside the commit that crosses its threshold.
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Idle read connections kept open for reuse.</summary>
    public int MaxIdleReadConnections { get; init; } = 16;
}
