using Leads.Contracts.V1;
using Leads.EventStore.EventStoreDb;
using Leads.Testing;

namespace Cluster.Tests;

/// <summary>
/// A real three-node EventStoreDB cluster (in memory, through the node script) and the services on it, each its own
/// process: the command service with the leader preference, both projectors with <c>nodePreference=follower</c> (their
/// reads keep load off the leader), the query service, and with a RabbitMQ connection string the integration publisher
/// (also on a follower) publishing to that broker. The embedded read stores share one temporary data directory.
/// </summary>
public sealed class ClusterPlatform(int basePort, string? rabbitMq = null) : IAsyncDisposable
{
    public const string ViewsProjection = "lead-views";
    public const string SearchProjection = "lead-search";
    public const string PublisherProjection = "integration-publisher";

    private readonly List<ServiceProcess> services = [];
    private bool clusterStarted;

    public int BasePort { get; } = basePort;

    public IReadOnlyList<int> NodePorts => [BasePort, BasePort + 10, BasePort + 20];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "leads-cluster-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString { get; private set; } = string.Empty;

    public LeadCommands.LeadCommandsClient Commands { get; private set; } = null!;
    public LeadQueries.LeadQueriesClient Queries { get; private set; } = null!;
    public ProjectionAdmin.ProjectionAdminClient Admin { get; private set; } = null!;

    /// <summary>Our own client on the cluster, for the test's reads of what the store holds.</summary>
    public EventStoreDbEventStore Store { get; private set; } = null!;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        clusterStarted = true;
        ConnectionString = await EventStoreDbNodes.StartClusterAsync(BasePort, cancellationToken: cancellationToken);
        Store = EventStoreDbEventStore.Create(ConnectionString);

        var common = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = DataDirectory,
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
            ["Leads:SearchPage:Url"] = "http://127.0.0.1:0",
            ["ConnectionStrings:eventstore"] = ConnectionString,
        };
        var followers = new Dictionary<string, string>(common)
        {
            ["ConnectionStrings:eventstore"] = ConnectionString + "&nodePreference=follower",
        };
        var toStart = new List<(string, Dictionary<string, string>)>
        {
            ("Leads.CommandService", common),
            ("Leads.ViewProjector", followers),
            ("Leads.SearchProjector", followers),
            ("Leads.QueryService", common),
        };
        if (rabbitMq is not null)
        {
            toStart.Add(("Leads.IntegrationPublisher", new Dictionary<string, string>(followers) { ["ConnectionStrings:rabbitmq"] = rabbitMq }));
        }

        var started = toStart
            .Select(s => ServiceProcess.StartAsync(s.Item1, s.Item2, cancellationToken: cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(started);
        }
        finally
        {
            services.AddRange(started.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
        }

        var commandService = services.Single(s => s.Name == "Leads.CommandService");
        var queryService = services.Single(s => s.Name == "Leads.QueryService");
        Commands = new LeadCommands.LeadCommandsClient(commandService.Channel);
        Queries = new LeadQueries.LeadQueriesClient(queryService.Channel);
        Admin = new ProjectionAdmin.ProjectionAdminClient(queryService.Channel);
    }

    /// <summary>What the services printed last, for a failure message.</summary>
    public string Logs() => string.Join(Environment.NewLine + Environment.NewLine,
        services.Select(s => $"--- {s.Name} (exited: {s.HasExited}){Environment.NewLine}{s.RecentOutput}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var service in services)
        {
            await service.DisposeAsync();
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        if (clusterStarted)
        {
            await EventStoreDbNodes.StopClusterAsync(BasePort, CancellationToken.None);
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
}
