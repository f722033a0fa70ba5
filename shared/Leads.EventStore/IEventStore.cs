namespace Leads.EventStore;

/// <summary>
/// The event store port. Streams are the repository: load a stream, decide, append with the expected revision.
/// Every adapter (embedded SQLite, EventStoreDB) passes the same contract test suite.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends atomically to one stream. Appending event ids that the stream already holds, in the same order at the
    /// same place (a retried append), writes nothing and returns the original result.
    /// </summary>
    Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken);

    /// <summary>Reads one stream; a missing stream yields nothing.</summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, StreamPosition from, long maxCount, CancellationToken cancellationToken);

    /// <summary>Reads the global order forwards, strictly after <paramref name="after"/> (or from the start when null).</summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// A catch-up subscription to all events: catches up from <paramref name="start"/>, signals when caught up, then
    /// follows live until cancelled. System events never come through. Cancellation ends the enumeration cleanly.
    /// </summary>
    IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(SubscriptionStart start, SubscriptionFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the global order forwards, strictly after <paramref name="after"/>, only the events a subscription with
    /// <paramref name="filter"/> would receive (filtered in the store, never system events).
    /// </summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, SubscriptionFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The position of the last event in the store (null when empty). On EventStoreDB the server's own system events
    /// move it while nothing is written: a projection's target is <see cref="ReadHeadPositionAsync(SubscriptionFilter, CancellationToken)"/>.
    /// </summary>
    Task<GlobalPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken);

    /// <summary>The position of the last event a subscription with <paramref name="filter"/> would receive (null: none yet).</summary>
    Task<GlobalPosition?> ReadHeadPositionAsync(SubscriptionFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// How many events matching <paramref name="filter"/> lie strictly after <paramref name="after"/> (null: the
    /// start), counting at most <paramref name="limit"/>: a result equal to the limit means "at least that many".
    /// </summary>
    Task<long> CountAsync(GlobalPosition? after, SubscriptionFilter filter, long limit, CancellationToken cancellationToken);

    /// <summary>
    /// The identity of this store: made once with it, the same for every client of it, never copied to another store
    /// (<c>leads store copy</c> copies the lead streams only). A checkpoint is a position in one store's log; a projector
    /// compares the identity it was built from with this one before trusting its checkpoint.
    /// </summary>
    Task<string> ReadStoreIdAsync(CancellationToken cancellationToken);
}
