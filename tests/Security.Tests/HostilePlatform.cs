using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.Security.Tests;

/// <summary>
/// The services a hostile caller can reach, as they run in production on the embedded engines: the command service,
/// the query service (LeadQueries and ProjectionAdmin) and both projectors, each its own process on a free loopback
/// port, on one temporary data directory. Started once for the collection; killed and deleted on dispose.
/// </summary>
public sealed class HostilePlatform : IAsyncLifetime
{
    private static readonly string[] ServiceNames = ["Leads.CommandService", "Leads.QueryService", "Leads.ViewProjector", "Leads.SearchProjector"];
    private readonly List<ServiceProcess> _services = [];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "leads-hostile-" + Guid.NewGuid().ToString("N"));

    public string EventsFile => Path.Combine(DataDirectory, "events.db");

    public ServiceProcess CommandService => _services.Single(s => s.Name == "Leads.CommandService");

    public ServiceProcess QueryService => _services.Single(s => s.Name == "Leads.QueryService");

    public IReadOnlyList<ServiceProcess> Services => _services;

    public LeadCommands.LeadCommandsClient Commands => new(ServiceCallInvokers.For(CommandService));

    public LeadQueries.LeadQueriesClient Queries => new(ServiceCallInvokers.For(QueryService));

    public ProjectionAdmin.ProjectionAdminClient Admin => new(ServiceCallInvokers.For(QueryService));

    /// <summary>The service that serves <paramref name="serviceFullName"/> (e.g. <c>leads.v1.LeadCommands</c>).</summary>
    public ServiceProcess Serving(string serviceFullName) =>
        serviceFullName == LeadCommands.Descriptor.FullName ? CommandService : QueryService;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var settings = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = DataDirectory,
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
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
