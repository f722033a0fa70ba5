using System.Runtime.CompilerServices;
using Leads.EventStore;

namespace Projections.Tests.Support;

/// <summary>An event store wrapper that records subscriptions and delivered events, and can drop a subscription once.</summary>
public sealed class InterceptingEventStore(IEventStore inner) : IEventStore
{
    private int _dropAfter = -1;

    public List<SubscriptionStart> Subscriptions { get; } = [];

    public List<GlobalPosition> Delivered { get; } = [];

    /// <summary>The next subscription fails after delivering this many events (a dropped connection).</summary>
    public void DropOnceAfter(int events) => _dropAfter = events;

    public async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(
        SubscriptionStart start, SubscriptionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Subscriptions)
        {
            Subscriptions.Add(start);
        }

        var dropAfter = Interlocked.Exchange(ref _dropAfter, -1);
        var delivered = 0;
        await foreach (var message in inner.SubscribeToAllAsync(start, filter, cancellationToken))
        {
            if (message is SubscriptionMessage.Event e)
            {
                if (dropAfter >= 0 && delivered++ == dropAfter)
                {
                    throw new IOException("injected subscription drop");
                }

                lock (Delivered)
                {
                    Delivered.Add(e.Recorded.Position);
                }
            }

            yield return message;
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
