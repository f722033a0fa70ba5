namespace Leads.EventStore.ContractTests;

/// <summary>
/// What the event store port's contracts share: the store under test. Every adapter runs each contract
/// (<see cref="EventStoreAppendContract"/>, <see cref="EventStoreReadContract"/>, <see cref="EventStoreConcurrencyContract"/>,
/// <see cref="EventStoreSubscriptionContract"/>) unchanged with its <see cref="IEventStoreUnderTest"/>. Every test writes
/// to its own Guid-named streams, subscribes after the head position or filters on a prefix of its own, and checks
/// "these events, in this order" rather than "exactly everything", so a shared, non-empty store does not disturb it.
/// </summary>
public abstract class EventStoreContract(IEventStoreUnderTest target)
{
    /// <summary>The store under test (see <see cref="IEventStoreUnderTest"/>).</summary>
    protected Task<IEventStore> CreateStoreAsync() => target.CreateStoreAsync();

    protected bool CanWriteSystemEvents => target.CanWriteSystemEvents;

    protected int FilteredCheckpointInterval => target.FilteredCheckpointInterval;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
}
