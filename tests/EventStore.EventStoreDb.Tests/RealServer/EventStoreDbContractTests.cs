using Leads.EventStore.ContractTests;

namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>The event store contract, unchanged, against a real EventStoreDB (skipped where none is reachable).</summary>
[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbContractTests(EventStoreDbServerFixture server) : EventStoreContract
{
    /// <summary>The adapter's own: search window times checkpoint multiplier of the options the fixture connects with.</summary>
    protected override int FilteredCheckpointInterval =>
        (int)(EventStoreDbClientOptions.Default.FilterMaxSearchWindow * Math.Max(1u, EventStoreDbClientOptions.Default.CheckpointIntervalMultiplier));

    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(server.RequireStore());
}
