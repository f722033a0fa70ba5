using Leads.EventStore.ContractTests;

namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

// The event store contracts, unchanged, against a real EventStoreDB (skipped where none is reachable).
[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbAppendContractTests(EventStoreDbServerFixture server) : EventStoreAppendContract(server);

[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbReadContractTests(EventStoreDbServerFixture server) : EventStoreReadContract(server);

[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbConcurrencyContractTests(EventStoreDbServerFixture server) : EventStoreConcurrencyContract(server);

[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbSubscriptionContractTests(EventStoreDbServerFixture server) : EventStoreSubscriptionContract(server);
