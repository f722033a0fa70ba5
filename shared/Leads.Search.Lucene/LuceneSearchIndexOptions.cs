namespace Leads.Search.Lucene;

/// <summary>Where the index lives and how often it is refreshed and committed.</summary>
public sealed record LuceneSearchIndexOptions(string Path)
{
    /// <summary>
    /// How often the writer's near-real-time searcher is refreshed (searches in the writing process). A refresh flushes
    /// a small segment and holds writes meanwhile, so it is not done per batch.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The longest a committed batch waits before it is made durable (a Lucene commit with the checkpoint in its user
    /// data). Other processes see only commits, so this plus <see cref="ReopenInterval"/> bounds their staleness.
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a read-only reader in another process looks for a newer commit.</summary>
    public TimeSpan ReopenInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Memory the writer buffers before it flushes a segment.</summary>
    public double RamBufferSizeMb { get; init; } = 64;
}
