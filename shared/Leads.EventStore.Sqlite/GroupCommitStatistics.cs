namespace Leads.EventStore.Sqlite;

/// <summary>
/// What the writer has done since the store was opened: <paramref name="Commits"/> transactions (one fsync each)
/// carrying <paramref name="Appends"/> append calls. Appends per commit above 1 means group commit is batching.
/// </summary>
public readonly record struct GroupCommitStatistics(long Commits, long Appends);
