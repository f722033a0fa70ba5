using Leads.EventStore.ContractTests;

namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>The event store contract, unchanged, against a real EventStoreDB (skipped where none is reachable).</summary>
[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbContractTests(EventStoreDbServerFixture server) : EventStoreContract
{
    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(server.RequireStore());
}
