using System.Net;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>
/// A real EventStoreDB for the tests that need one: the server named by <c>ESDB_CONNECTION</c>, else an
/// <c>eventstore/eventstore:24.10</c> container started once through Testcontainers. When neither is possible the
/// reason is kept and every test using the fixture reports itself skipped with it (never passed).
/// </summary>
public sealed class EventStoreDbServerFixture : IAsyncLifetime
{
    public const string Image = "eventstore/eventstore:24.10";

    private IContainer? container;

    public EventStoreDbEventStore? Store { get; private set; }

    public string? SkipReason { get; private set; }

    /// <summary>The store, or a skip of the calling test with the reason.</summary>
    public EventStoreDbEventStore RequireStore()
    {
        if (Store is null)
        {
            Assert.Skip(SkipReason ?? "skipped: no EventStoreDB server");
        }

        return Store;
    }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ESDB_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Store = EventStoreDbEventStore.Create(configured);
            return;
        }

        try
        {
            container = new ContainerBuilder(Image)
                .WithEnvironment("EVENTSTORE_INSECURE", "true")
                .WithEnvironment("EVENTSTORE_RUN_PROJECTIONS", "None")
                .WithEnvironment("EVENTSTORE_MEM_DB", "true")
                .WithPortBinding(2113, assignRandomHostPort: true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request
                    .ForPort(2113)
                    .ForPath("/health/live")
                    .ForStatusCode(HttpStatusCode.NoContent)
                    .ForStatusCode(HttpStatusCode.OK)))
                .Build();
            using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await container.StartAsync(startup.Token);
            Store = EventStoreDbEventStore.Create($"esdb://{container.Hostname}:{container.GetMappedPublicPort(2113)}?tls=false");
        }
        catch (Exception error)
        {
            var firstLine = error.Message.Split('\n')[0].Trim();
            SkipReason = $"skipped: no Docker and no ESDB_CONNECTION: could not start {Image} ({error.GetType().Name}: {firstLine})";
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
}
