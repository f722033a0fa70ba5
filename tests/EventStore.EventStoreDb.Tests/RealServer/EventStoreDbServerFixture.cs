using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using Leads.EventStore.ContractTests;
using Leads.Testing;

namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>
/// A real EventStoreDB for the tests that need one: the node named by <c>ESDB_CONNECTION</c>, else an
/// <c>eventstore/eventstore:24.10</c> image already on this Docker engine, run once with host networking on a free
/// port (no registry is assumed: the image is never pulled, and no port is published, which engines without a bridge
/// network cannot do). When neither is possible the reason is kept and every test using the fixture reports itself
/// skipped with it (never passed); with <c>ESDB_REQUIRED=1</c> (CI) they fail instead.
/// </summary>
public sealed class EventStoreDbServerFixture : IAsyncLifetime, IEventStoreUnderTest
{
    public const string Image = "eventstore/eventstore:24.10";

    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    private IContainer? container;

    public EventStoreDbEventStore? Store { get; private set; }

    /// <summary>The node's connection string, for tests that hand it to a process of ours.</summary>
    public string? ConnectionString { get; private set; }

    public string? SkipReason { get; private set; }

    /// <summary>CI sets it: a test that cannot reach a node fails instead of skipping.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("ESDB_REQUIRED") == "1";

    /// <summary>The store, or a skip of the calling test with the reason (a failure when required).</summary>
    public EventStoreDbEventStore RequireStore()
    {
        if (Store is null)
        {
            var reason = SkipReason ?? "no EventStoreDB node";
            if (Required)
            {
                throw new InvalidOperationException("ESDB_REQUIRED=1 but " + reason);
            }

            Assert.Skip("skipped: " + reason);
        }

        return Store;
    }

    /// <summary>For the event store contracts: the node's store, or the calling test skipped (see <see cref="RequireStore"/>).</summary>
    public Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(RequireStore());

    public int FilteredCheckpointInterval => ProtocolFakeContractTests.AdapterCheckpointInterval;

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ESDB_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            Store = EventStoreDbEventStore.Create(configured);
            return;
        }

        try
        {
            var port = FreePort.Next();
            var replication = FreePort.Next();
            container = new ContainerBuilder(Image)
                .WithImagePullPolicy(PullPolicy.Never)
                .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new Docker.DotNet.Models.HostConfig()).NetworkMode = "host")
                .WithEnvironment("EVENTSTORE_INSECURE", "true")
                .WithEnvironment("EVENTSTORE_RUN_PROJECTIONS", "None")
                .WithEnvironment("EVENTSTORE_MEM_DB", "true")
                .WithEnvironment("EVENTSTORE_NODE_IP", "127.0.0.1")
                .WithEnvironment("EVENTSTORE_NODE_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .WithEnvironment("EVENTSTORE_REPLICATION_IP", "127.0.0.1")
                .WithEnvironment("EVENTSTORE_REPLICATION_PORT", replication.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Build();
            using var startup = new CancellationTokenSource(StartupDeadline);
            await container.StartAsync(startup.Token);
            await WaitUntilLiveAsync(port, startup.Token);
            ConnectionString = $"esdb://127.0.0.1:{port}?tls=false";
            Store = EventStoreDbEventStore.Create(ConnectionString);
        }
        catch (Exception error)
        {
            var firstLine = error.Message.Split('\n')[0].Trim();
            SkipReason = $"no ESDB_CONNECTION (e.g. esdb://127.0.0.1:2113?tls=false), and {Image} could not run here with host networking ({error.GetType().Name}: {firstLine})";
            if (container is not null)
            {
                await container.DisposeAsync();
                container = null;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }

    /// <summary>Polls the node's liveness endpoint until it answers, within the startup deadline.</summary>
    private static async Task WaitUntilLiveAsync(int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
