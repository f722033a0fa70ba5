using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The whole platform as it runs in production, on the embedded engines: the command service, the view projector,
/// the search projector and the query service, each its own process on a free loopback port, sharing one temporary
/// data directory. Started once per test collection; killed and deleted on dispose.
/// </summary>
public sealed class LeadPlatform : IAsyncLifetime
{
    public const string ViewsProjection = "lead-views";
    public const string SearchProjection = "lead-search";
    private static readonly TimeSpan ProjectionDeadline = TimeSpan.FromSeconds(60);

    private readonly List<ServiceProcess> _services = [];

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "leads-e2e-" + Guid.NewGuid().ToString("N"));

    public ServiceProcess CommandService { get; private set; } = null!;
    public ServiceProcess QueryService { get; private set; } = null!;

    public LeadCommands.LeadCommandsClient Commands { get; private set; } = null!;
    public LeadQueries.LeadQueriesClient Queries { get; private set; } = null!;
    public ProjectionAdmin.ProjectionAdminClient Admin { get; private set; } = null!;

    public string EventsFile => Path.Combine(DataDirectory, "events.db");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var settings = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = DataDirectory,
            ["Kestrel:EndpointDefaults:Protocols"] = "Http2",
            // The query service's search page on a port of the OS's choosing: 5103 may be taken by `make run`.
            ["Leads:SearchPage:Url"] = "http://127.0.0.1:0",
        };
        var started = new[] { "Leads.CommandService", "Leads.ViewProjector", "Leads.SearchProjector", "Leads.QueryService" }
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

        CommandService = _services.Single(s => s.Name == "Leads.CommandService");
        QueryService = _services.Single(s => s.Name == "Leads.QueryService");
        Commands = new LeadCommands.LeadCommandsClient(CommandService.Channel);
        Queries = new LeadQueries.LeadQueriesClient(QueryService.Channel);
        Admin = new ProjectionAdmin.ProjectionAdminClient(QueryService.Channel);
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

    /// <summary>The projection's state once its committed checkpoint is at or past <paramref name="position"/>.</summary>
    public Task<ProjectionInfo> WaitForProjectionAsync(string name, ulong position, CancellationToken cancellationToken) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                var info = await ProjectionAsync(name, cancellationToken);
                return info.HasCheckpoint && info.Checkpoint >= position ? info : null;
            },
            ProjectionDeadline,
            $"{name} reaching position {position}",
            cancellationToken);

    /// <summary>Waits until both projections have processed <paramref name="position"/>.</summary>
    public async Task WaitForProjectionsAsync(ulong position, CancellationToken cancellationToken)
    {
        await WaitForProjectionAsync(ViewsProjection, position, cancellationToken);
        await WaitForProjectionAsync(SearchProjection, position, cancellationToken);
    }

    public async Task<ProjectionInfo> ProjectionAsync(string name, CancellationToken cancellationToken)
    {
        var reply = await Admin.ListProjectionsAsync(new ListProjectionsRequest(), cancellationToken: cancellationToken);
        return reply.Projections.Single(p => p.Name == name);
    }

    /// <summary>Why a test failed, with what the services printed last.</summary>
    public string Logs() => string.Join(Environment.NewLine + Environment.NewLine,
        _services.Select(s => $"--- {s.Name} (exited: {s.HasExited}){Environment.NewLine}{s.RecentOutput}"));

    public static async Task<RpcException> FailsAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RpcException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("the call succeeded, but an error was expected");
    }
}
