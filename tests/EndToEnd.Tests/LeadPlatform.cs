using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// The whole platform as it runs in production: the command service, the view projector, the search projector and the
/// query service, each its own process on a free loopback port, sharing one temporary data directory and one event
/// store (<see cref="PlatformEventStore"/>: the embedded SQLite file, or a real EventStoreDB node of its own). Started
/// once per test collection; killed and deleted on dispose. A test class takes it through <see cref="Running"/>, which
/// skips the test with the reason when the store cannot run here.
/// </summary>
public abstract class LeadPlatform(PlatformEventStore store) : IAsyncLifetime
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

    public PlatformEventStore Store => store;

    /// <summary>What every service of the platform is started with: the data directory and the event store.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; private set; } = new Dictionary<string, string>();

    /// <summary>This platform, or a skip with the reason when its event store cannot run here (never a pass).</summary>
    public LeadPlatform Running()
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
            // The query service's search page on a port of the OS's choosing: 5103 may be taken by `make run`.
            ["Leads:SearchPage:Url"] = "http://127.0.0.1:0",
        };
        Settings = settings;
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

    /// <summary>
    /// The projection's state once its committed checkpoint is at or past <paramref name="position"/>. One that never
    /// gets there fails with what the services printed last, so that a stall can be diagnosed.
    /// </summary>
    public Task<ProjectionInfo> WaitForProjectionAsync(string name, ulong position, CancellationToken cancellationToken) =>
        Admin.WaitForProjectionAsync(name, position, ProjectionDeadline, () => $"on the {store.Name} platform{Environment.NewLine}{Logs()}", cancellationToken);

    /// <summary>Waits until both projections have processed <paramref name="position"/>.</summary>
    public async Task WaitForProjectionsAsync(ulong position, CancellationToken cancellationToken)
    {
        await WaitForProjectionAsync(ViewsProjection, position, cancellationToken);
        await WaitForProjectionAsync(SearchProjection, position, cancellationToken);
    }

    /// <summary>
    /// The projector took the reset (it rewound its store before acknowledging) and its checkpoint has reached the last
    /// lead event again. Not the head ListProjections reports, nor the state leaving Rebuilding: on EventStoreDB both go
    /// by the end of $all, where the command log's records and the server's system events lie past the last event the
    /// projectors' filtered subscriptions deliver (known bug: a projector reset there may report Rebuilding after it has
    /// replayed everything).
    /// </summary>
    public async Task WaitUntilRebuiltAsync(string projection, ProjectionRequestReply reset, CancellationToken cancellationToken)
    {
        Assert.True(reset.Acknowledged && reset.Succeeded, $"reset of {projection}: acknowledged {reset.Acknowledged}, {reset.Result}{Environment.NewLine}{Logs()}");
        var last = (await store.ReadAllAsync(cancellationToken)).LastOrDefault(e => e.StreamId.StartsWith("lead-", StringComparison.Ordinal))?.Position;
        await Eventually.IsTrueAsync(
            async () =>
            {
                var info = await ProjectionAsync(projection, cancellationToken);
                return info.HasCheckpoint && info.Checkpoint >= (last?.Value ?? 0);
            },
            ProjectionDeadline,
            $"{projection} rebuilt to the head",
            cancellationToken);
    }

    public Task<ProjectionInfo> ProjectionAsync(string name, CancellationToken cancellationToken) => Admin.ProjectionAsync(name, cancellationToken);

    /// <summary>Why a test failed, with what the services printed last.</summary>
    public override string ToString() => $"platform on {store.Name}";

    /// <summary>Everything the platform's services printed.</summary>
    public string Output() => string.Join(Environment.NewLine, _services.Select(s => s.Output));

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
