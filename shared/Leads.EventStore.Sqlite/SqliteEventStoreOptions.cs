namespace Leads.EventStore.Sqlite;

/// <summary>Tuning knobs of the embedded event store. The defaults suit a command service on a small machine.</summary>
public sealed record SqliteEventStoreOptions
{
    public static SqliteEventStoreOptions Default { get; } = new();

    /// <summary>The most appends the writer runs in one transaction (one fsync).</summary>
    public int MaxAppendsPerCommit { get; init; } = 256;

    /// <summary>Rows fetched per query when reading or catching up; nothing bigger is held in memory.</summary>
    public int ReadPageSize { get; init; } = 512;

    /// <summary>
    /// Whether live subscriptions watch the signal file other processes' writers touch after each commit (inotify on
    /// Linux), and so learn of their events at once; when off, or where the file cannot be watched, they poll.
    /// </summary>
    public bool WatchOtherProcessesCommits { get; init; } = true;

    /// <summary>
    /// How often a live subscription looks anyway while it watches other processes' commits: a fallback for a commit
    /// nobody signalled (a writer that could not write the signal file).
    /// </summary>
    public TimeSpan WatchedPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a live subscription that does not watch looks for events written by other processes while none arrive.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// How often a live subscription looks while events keep arriving (within <see cref="ActivePollWindow"/> of the
    /// last ones): how soon another process's append reaches a projection, hence read-your-writes.
    /// </summary>
    public TimeSpan ActivePollInterval { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>How long after the last events a live subscription keeps looking every <see cref="ActivePollInterval"/>.</summary>
    public TimeSpan ActivePollWindow { get; init; } = TimeSpan.FromMilliseconds(250);

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
