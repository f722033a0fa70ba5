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
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = maxCount;
        var cursor = after;
        while (remaining > 0)
        {
            // A read from a position includes the event at that position: ask for one more and skip it.
            var page = (ulong)Math.Min(remaining, (long)AllPageSize) + (cursor is null ? 0UL : 1UL);
            var received = 0UL;
            await foreach (var recorded in client.ReadAllAsync(ReadDirection.Forwards, cursor, page, cancellationToken).ConfigureAwait(false))
            {
                received++;
                if (cursor is { } c && recorded.Position <= c)
                {
                    continue;
                }

                cursor = recorded.Position;
                if (recorded.IsSystemEvent)
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

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(SubscriptionStart start, SubscriptionFilter filter, CancellationToken cancellationToken) =>
        client.SubscribeToAllAsync(start, filter, cancellationToken);

    /// <summary>The position of the last event in $all (system events included: good enough for lag).</summary>
    public async Task<GlobalPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken)
    {
        await foreach (var recorded in client.ReadAllAsync(ReadDirection.Backwards, null, 1, cancellationToken).ConfigureAwait(false))
        {
            return recorded.Position;
        }

        return null;
    }

    public ValueTask DisposeAsync() => ownsClient ? client.DisposeAsync() : ValueTask.CompletedTask;

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
