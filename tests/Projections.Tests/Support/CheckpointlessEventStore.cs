using System.Runtime.CompilerServices;
using Leads.EventStore;

namespace Projections.Tests.Support;

/// <summary>
/// An event store whose subscriptions pass on no checkpoint, as an EventStoreDB node sends none for fewer than
/// window x multiplier scanned events: a projector must reach its targets on the events it receives.
/// </summary>
public sealed class CheckpointlessEventStore(IEventStore inner) : IEventStore
{
    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(
        SubscriptionStart start, SubscriptionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in inner.SubscribeToAllAsync(start, filter, cancellationToken))
        {
            if (message is not SubscriptionMessage.Checkpoint)
            {
                yield return message;
            }
        }
    }

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken) =>
        inner.AppendAsync(streamId, expected, events, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, StreamPosition from, long maxCount, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(streamId, direction, from, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, CancellationToken cancellationToken) =>
        inner.ReadAllAsync(after, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public Task<GlobalPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken) => inner.ReadHeadPositionAsync(cancellationToken);

    public Task<GlobalPosition?> ReadHeadPositionAsync(SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.ReadHeadPositionAsync(filter, cancellationToken);

    public Task<long> CountAsync(GlobalPosition? after, SubscriptionFilter filter, long limit, CancellationToken cancellationToken) =>
        inner.CountAsync(after, filter, limit, cancellationToken);
}
