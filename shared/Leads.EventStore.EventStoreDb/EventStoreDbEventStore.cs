using System.Runtime.CompilerServices;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// The event store port on EventStoreDB, through our own <see cref="EventStoreDbClient"/>.
/// <para>
/// Idempotent appends: EventStoreDB itself answers a quick retry of the same event ids with the original success.
/// For a retry that comes later, with an exact revision or "no stream", the server answers "wrong expected
/// version"; the adapter then reads the stream at the expected place and, when it holds exactly these event ids in
/// this order, returns success with the revision and position of the last of them (the position read back from
/// the stream, which is the one $all and subscriptions report). A retry with "any" or "stream exists" after the
/// server's short deduplication window would be written again: callers that need exactly-once (the command
/// service's <c>command_id</c>) derive event ids from the command id and append with an exact revision.
/// </para>
/// </summary>
public sealed class EventStoreDbEventStore : IEventStore, IAsyncDisposable
{
    private const ulong AllPageSize = 512;

    private readonly EventStoreDbClient client;
    private readonly bool ownsClient;
    private string? storeId;

    /// <summary>Uses a client owned by the caller (not disposed with the store).</summary>
    public EventStoreDbEventStore(EventStoreDbClient client)
        : this(client, ownsClient: false)
    {
    }

    private EventStoreDbEventStore(EventStoreDbClient client, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /// <summary>Connects with a connection string such as <c>esdb://localhost:2113?tls=false</c>.</summary>
    public static EventStoreDbEventStore Create(string connectionString, EventStoreDbClientOptions? options = null) =>
        new(EventStoreDbClient.Create(connectionString, options), ownsClient: true);

    public static EventStoreDbEventStore Create(EventStoreDbConnectionString connectionString, EventStoreDbClientOptions? options = null) =>
        new(new EventStoreDbClient(connectionString, options), ownsClient: true);

    public EventStoreDbClient Client => client;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        var result = await client.AppendAsync(streamId, expected, events, cancellationToken).ConfigureAwait(false);
        if (result is AppendResult.WrongExpectedRevision && expected.Kind is ExpectedRevisionKind.Exact or ExpectedRevisionKind.NoStream)
        {
            return await FindEarlierAppendAsync(streamId, expected, events, cancellationToken).ConfigureAwait(false) ?? result;
        }

        return result;
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, StreamPosition from, long maxCount, CancellationToken cancellationToken) =>
        maxCount <= 0
            ? AsyncEnumerable.Empty<RecordedEvent>()
            : client.ReadStreamAsync(streamId, direction, from, (ulong)maxCount, cancellationToken);

    /// <summary>Reads $all forwards strictly after <paramref name="after"/>, leaving out system events, in pages.</summary>
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, CancellationToken cancellationToken) =>
        ReadAllPagesAsync(after, maxCount, null, cancellationToken);

    /// <summary>Reads $all forwards strictly after <paramref name="after"/>, filtered on the server, in pages.</summary>
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return ReadAllPagesAsync(after, maxCount, filter, cancellationToken);
    }

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(SubscriptionStart start, SubscriptionFilter filter, CancellationToken cancellationToken) =>
        client.SubscribeToAllAsync(start, filter, cancellationToken);

    /// <summary>The position of the last event in $all, system events included (they move it while nothing is written).</summary>
    public async Task<string> ReadStoreIdAsync(CancellationToken cancellationToken) =>
        storeId ??= await StoreIdentityStream.ReadOrCreateAsync(this, cancellationToken).ConfigureAwait(false);

    public async Task<GlobalPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken)
    {
        await foreach (var recorded in client.ReadAllAsync(ReadDirection.Backwards, null, 1, cancellationToken).ConfigureAwait(false))
        {
            return recorded.Position;
        }

        return null;
    }

    /// <summary>The position of the last event matching <paramref name="filter"/>: a filtered read of $all backwards from its end.</summary>
    public async Task<GlobalPosition?> ReadHeadPositionAsync(SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await foreach (var recorded in client.ReadAllAsync(ReadDirection.Backwards, null, 1, filter, cancellationToken).ConfigureAwait(false))
        {
            if (filter.Matches(recorded))
            {
                return recorded.Position;
            }
        }

        return null;
    }

    /// <summary>
    /// Counts the events matching <paramref name="filter"/> after <paramref name="after"/>: a filtered read of $all
    /// backwards from its end (always a valid place to read from, unlike a checkpoint), stopping at
    /// <paramref name="after"/> or at <paramref name="limit"/>.
    /// </summary>
    public async Task<long> CountAsync(GlobalPosition? after, SubscriptionFilter filter, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (limit <= 0)
        {
            return 0;
        }

        var count = 0L;
        await foreach (var recorded in client.ReadAllAsync(ReadDirection.Backwards, null, (ulong)limit + 1, filter, cancellationToken).ConfigureAwait(false))
        {
            if (after is { } a && recorded.Position <= a)
            {
                break;
            }

            if (filter.Matches(recorded) && ++count == limit)
            {
                break;
            }
        }

        return count;
    }

    public ValueTask DisposeAsync() => ownsClient ? client.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>
    /// Pages through $all forwards strictly after <paramref name="after"/> (a read from a position includes it: ask for
    /// one more and skip it), leaving out system events and, with a <paramref name="filter"/>, what it does not match.
    /// </summary>
    private async IAsyncEnumerable<RecordedEvent> ReadAllPagesAsync(GlobalPosition? after, long maxCount, SubscriptionFilter? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = maxCount;
        var cursor = after;
        while (remaining > 0)
        {
            var page = (ulong)Math.Min(remaining, (long)AllPageSize) + (cursor is null ? 0UL : 1UL);
            var received = 0UL;
            await foreach (var recorded in client.ReadAllAsync(ReadDirection.Forwards, cursor, page, filter, cancellationToken).ConfigureAwait(false))
            {
                received++;
                if (cursor is { } c && recorded.Position <= c)
                {
                    continue;
                }

                cursor = recorded.Position;
                if (recorded.IsSystemEvent || (filter is not null && !filter.Matches(recorded)))
                {
                    continue;
                }

                yield return recorded;
                if (--remaining == 0)
                {
                    yield break;
                }
            }

            if (received < page)
            {
                yield break;
            }
        }
    }

    /// <summary>A retried append: the stream already holds these ids right after the expected revision.</summary>
    private async Task<AppendResult?> FindEarlierAppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        var first = expected.Kind == ExpectedRevisionKind.NoStream ? 0UL : expected.Revision + 1;
        RecordedEvent? last = null;
        var index = 0;
        await foreach (var recorded in client.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamPosition.At(first), (ulong)events.Count, cancellationToken).ConfigureAwait(false))
        {
            if (recorded.EventId != events[index].EventId)
            {
                return null;
            }

            last = recorded;
            index++;
        }

        return index == events.Count && last is not null
            ? new AppendResult.Success(last.StreamRevision, last.Position)
            : null;
    }
}
