using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.Security.Tests;

/// <summary>
/// The services a hostile caller can reach, as they run in production: the command service, the query service
/// (LeadQueries and ProjectionAdmin) and both projectors, each its own process on a free loopback port, on one
/// temporary data directory and one event store (<see cref="PlatformEventStore"/>: SQLite, or a real EventStoreDB node
/// of its own). Started once for the collection; killed and deleted on dispose. Test classes take it through
/// <see cref="Running"/>, which skips with the reason when the store cannot run here.
/// </summary>
public abstract class HostilePlatform(PlatformEventStore store) : IAsyncLifetime
{
    private static readonly string[] ServiceNames = ["Leads.CommandService", "Leads.QueryService", "Leads.ViewProjector", "Leads.SearchProjector"];
    private readonly List<ServiceProcess> _services = [];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "leads-hostile-" + Guid.NewGuid().ToString("N"));

    public PlatformEventStore Store => store;

    /// <summary>The query service's HTTP/1.1 page endpoint, where the read RPCs are also served as JSON (/v1/...).</summary>
    public Uri PageAddress { get; } = new($"http://127.0.0.1:{FreePort.Next()}/");

    public ServiceProcess CommandService => _services.Single(s => s.Name == "Leads.CommandService");

    public ServiceProcess QueryService => _services.Single(s => s.Name == "Leads.QueryService");

    public IReadOnlyList<ServiceProcess> Services => _services;

    public LeadCommands.LeadCommandsClient Commands => new(ServiceCallInvokers.For(CommandService));

    public LeadQueries.LeadQueriesClient Queries => new(ServiceCallInvokers.For(QueryService));

    public ProjectionAdmin.ProjectionAdminClient Admin => new(ServiceCallInvokers.For(QueryService));

    /// <summary>The service that serves <paramref name="serviceFullName"/> (e.g. <c>leads.v1.LeadCommands</c>).</summary>
    public ServiceProcess Serving(string serviceFullName) =>
        serviceFullName == LeadCommands.Descriptor.FullName ? CommandService : QueryService;

    /// <summary>This platform, or a skip with the reason when its event store cannot run here (never a pass).</summary>
    public HostilePlatform Running()
    {
        if (store.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return this;
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        await store.StartAsync(DataDirectory, TestContext.Current.CancellationToken);
        if (store.SkipReason is not null)
        {
            return;
        }

        var settings = new Dictionary<string, string>(store.Settings)
        {
            ["Leads:DataDirectory"] = DataDirectory,
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
            // The query service's search page on a free port of its own: the platform on each store runs at once.
            ["Leads:SearchPage:Url"] = PageAddress.ToString().TrimEnd('/'),
        };
        var started = ServiceNames
            .Select(name => ServiceProcess.StartAsync(name, settings, cancellationToken: TestContext.Current.CancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(started);
        }
        finally
        {
            _services.AddRange(started.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        await store.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still being released: the temp folder is cleaned by the OS eventually.
        }
    }

    /// <summary>What each service printed last, for failure messages.</summary>
    public string Logs() => string.Join(Environment.NewLine + Environment.NewLine,
        _services.Select(s => $"--- {s.Name} (exited: {s.HasExited}){Environment.NewLine}{s.RecentOutput}"));
}
