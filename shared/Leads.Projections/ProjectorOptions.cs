namespace Leads.Projections;

/// <summary>How a projector batches, retries and parks.</summary>
public sealed record ProjectorOptions
{
    /// <summary>
    /// Most events applied and committed together. Live, batches are as small as what is ready; catching up over an
    /// interleaved log, where each event of a batch is another lead's, a larger batch shares each commit and each touched
    /// page of the store among more documents.
    /// </summary>
    public int MaxBatchSize { get; init; } = 2_000;

    /// <summary>
    /// How long a batch waits for more events once it has one and none is ready. Zero commits what is ready at once:
    /// batches still grow under load (events pile up during a commit) and a lone live event is visible sooner. The
    /// default is zero so read-your-writes is not held back by a linger.
    /// </summary>
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Documents kept in memory between batches (least recently used dropped first; 0: none), so a batch loads from the
    /// store only what it does not hold. About a kilobyte each. Used only with a store that keeps its documents
    /// (<see cref="IProjectionStore{TDoc}.KeepsDocuments"/>); with any other, every batch loads. The default is about one
    /// batch: a lead changed again soon (live, or within the next batches) is not loaded again. Over an interleaved log a
    /// lead comes back far later than any cache this size holds, so a larger one costs memory and time for few hits.
    /// </summary>
    public int DocumentCacheSize { get; init; } = 2_000;

    /// <summary>Retries of a failing store call (load, commit, reset) within one attempt, jittered exponential backoff.</summary>
    public int StoreRetries { get; init; } = 6;

    public TimeSpan StoreRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Retries of one event's handler before the event is parked.</summary>
    public int HandlerRetries { get; init; } = 3;

    public TimeSpan HandlerRetryDelay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>First delay before resubscribing after a drop or a failed attempt; doubles with jitter up to the maximum.</summary>
    public TimeSpan ResubscribeDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxResubscribeDelay { get; init; } = TimeSpan.FromSeconds(10);
}
