namespace Leads.EventStore.ContractTests;

/// <summary>
/// The store an adapter puts under the event store contracts, usually its class fixture. The store may be the same
/// instance for every test of a class and may hold other events (a real, non-empty EventStoreDB server): the fixture
/// that made it owns it, and tests never dispose it.
/// </summary>
public interface IEventStoreUnderTest
{
    Task<IEventStore> CreateStoreAsync();

    /// <summary>Whether the adapter can append to a '$'-prefixed stream, so the test of system-event filtering can run.</summary>
    bool CanWriteSystemEvents => true;

    /// <summary>
    /// How many scanned events a filtered subscription lets pass at most between checkpoints (EventStoreDB: the search
    /// window times the checkpoint multiplier of the adapter's options).
    /// </summary>
    int FilteredCheckpointInterval => 32;
}
