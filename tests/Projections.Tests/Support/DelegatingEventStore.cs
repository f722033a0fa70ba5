using Leads.EventStore;

namespace Projections.Tests.Support;

/// <summary>An event store that passes every call to another; test doubles override only what they change.</summary>
public abstract class DelegatingEventStore(IEventStore inner) : IEventStore
{
    protected IEventStore Inner => inner;

    public virtual IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(SubscriptionStart start, SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.SubscribeToAllAsync(start, filter, cancellationToken);

    public virtual Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken) =>
        inner.AppendAsync(streamId, expected, events, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, StreamPosition from, long maxCount, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(streamId, direction, from, maxCount, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, CancellationToken cancellationToken) =>
        inner.ReadAllAsync(after, maxCount, cancellationToken);

    public virtual IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public virtual Task<GlobalPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken) => inner.ReadHeadPositionAsync(cancellationToken);

    public virtual Task<GlobalPosition?> ReadHeadPositionAsync(SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.ReadHeadPositionAsync(filter, cancellationToken);

    public virtual Task<long> CountAsync(GlobalPosition? after, SubscriptionFilter filter, long limit, CancellationToken cancellationToken) =>
        inner.CountAsync(after, filter, limit, cancellationToken);

    public virtual Task<string> ReadStoreIdAsync(CancellationToken cancellationToken) => inner.ReadStoreIdAsync(cancellationToken);
}
