using Leads.EventStore.ContractTests;

namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>
/// The event store contracts run through the adapter and client against the PROTOCOL FAKE (an in-memory stand-in
/// speaking the wire protocol, not EventStoreDB). It shows the adapter's own behaviour end to end over real gRPC;
/// what the real server does is covered by the same contracts in RealServer/, where a server exists.
/// </summary>
public static class ProtocolFakeContractTests
{
    /// <summary>The adapter's own: search window times checkpoint multiplier of the options the fixtures connect with.</summary>
    public static int AdapterCheckpointInterval =>
        (int)(EventStoreDbClientOptions.Default.FilterMaxSearchWindow * Math.Max(1u, EventStoreDbClientOptions.Default.CheckpointIntervalMultiplier));

    public sealed class FakeFixture : IAsyncLifetime, IEventStoreUnderTest
    {
        private ProtocolFakeServer? server;

        public EventStoreDbEventStore Store { get; private set; } = null!;

        public int FilteredCheckpointInterval => AdapterCheckpointInterval;

        public Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(Store);

        public async ValueTask InitializeAsync()
        {
            server = await ProtocolFakeServer.StartAsync(CancellationToken.None);
            Store = FakeStores.Connect(server);
        }

        public async ValueTask DisposeAsync()
        {
            await Store.DisposeAsync();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}

public sealed class ProtocolFakeAppendContractTests(ProtocolFakeContractTests.FakeFixture fake)
    : EventStoreAppendContract(fake), IClassFixture<ProtocolFakeContractTests.FakeFixture>;

public sealed class ProtocolFakeReadContractTests(ProtocolFakeContractTests.FakeFixture fake)
    : EventStoreReadContract(fake), IClassFixture<ProtocolFakeContractTests.FakeFixture>;

public sealed class ProtocolFakeConcurrencyContractTests(ProtocolFakeContractTests.FakeFixture fake)
    : EventStoreConcurrencyContract(fake), IClassFixture<ProtocolFakeContractTests.FakeFixture>;

public sealed class ProtocolFakeSubscriptionContractTests(ProtocolFakeContractTests.FakeFixture fake)
    : EventStoreSubscriptionContract(fake), IClassFixture<ProtocolFakeContractTests.FakeFixture>;
