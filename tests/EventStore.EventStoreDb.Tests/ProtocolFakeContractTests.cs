using Leads.EventStore.ContractTests;

namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>
/// The event store contract run through the adapter and client against the PROTOCOL FAKE (an in-memory stand-in
/// speaking the wire protocol, not EventStoreDB). It shows the adapter's own behaviour end to end over real gRPC;
/// what the real server does is covered by <see cref="RealServer.EventStoreDbContractTests"/>, where a server exists.
/// </summary>
public sealed class ProtocolFakeContractTests(ProtocolFakeContractTests.FakeFixture fake) : EventStoreContract, IClassFixture<ProtocolFakeContractTests.FakeFixture>
{
    /// <summary>The adapter's own: search window times checkpoint multiplier of the options the fixture connects with.</summary>
    protected override int FilteredCheckpointInterval =>
        (int)(EventStoreDbClientOptions.Default.FilterMaxSearchWindow * Math.Max(1u, EventStoreDbClientOptions.Default.CheckpointIntervalMultiplier));

    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(fake.Store);

    public sealed class FakeFixture : IAsyncLifetime
    {
        private ProtocolFakeServer? server;

        public EventStoreDbEventStore Store { get; private set; } = null!;

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
