namespace Leads.EventStore.ContractTests;

/// <summary>
/// The event store port's contract. Every adapter subclasses this unchanged and supplies its store. The store may be
/// shared by all tests of a class and by other writers (a real, non-empty EventStoreDB server): every test writes to
/// its own Guid-named streams, subscribes after the head position or filters on a prefix of its own, and checks
/// "these events, in this order" rather than "exactly everything".
/// </summary>
public abstract partial class EventStoreContract
{
    /// <summary>
    /// The store under test. It may be the same instance for every test of the class and may hold other events;
    /// the fixture that made it owns it (tests never dispose it).
    /// </summary>
    protected abstract Task<IEventStore> CreateStoreAsync();

    /// <summary>Whether the adapter can append to a '$'-prefixed stream, so the test of system-event filtering can run.</summary>
    protected virtual bool CanWriteSystemEvents => true;

    /// <summary>
    /// How many scanned events a filtered subscription lets pass at most between checkpoints (EventStoreDB: the search
    /// window times the checkpoint multiplier of the adapter's options).
    /// </summary>
    protected virtual int FilteredCheckpointInterval => 32;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
