using Leads.EventStore.Sqlite;
using Leads.EventStore;
using Leads.Projections;
using Leads.Testing;
using Leads.Views.Sqlite;
using Leads.Views;
using Microsoft.Extensions.Logging.Abstractions;

namespace Projections.Tests.Support;

/// <summary>
/// A real embedded event store and view store in a temporary folder, with a view projector running on them in the
/// test process. The projector's ports can be wrapped to inject faults or record what it asked for.
/// </summary>
public sealed class ProjectorRig : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static ProjectorOptions FastOptions { get; } = new()
    {
        MaxBatchSize = 500,
        MaxBatchDelay = TimeSpan.FromMilliseconds(5),
        StoreRetryDelay = TimeSpan.FromMilliseconds(5),
        HandlerRetries = 2,
        HandlerRetryDelay = TimeSpan.FromMilliseconds(1),
        ResubscribeDelay = TimeSpan.FromMilliseconds(10),
        MaxResubscribeDelay = TimeSpan.FromMilliseconds(100),
    };

    private readonly TempDirectory _directory = new();
    private CancellationTokenSource? _stop;
    private Task? _run;

    public ProjectorRig()
    {
        Events = new SqliteEventStore(_directory.File("events.db"));
        Views = new SqliteLeadViewStore(_directory.File("views.db"));
    }

    public SqliteEventStore Events { get; }
    public SqliteLeadViewStore Views { get; }
    public Projector<LeadReadModel> Projector { get; private set; } = null!;
    public TempDirectory Directory => _directory;

    public Projector<LeadReadModel> Start(
        Func<IEventStore, IEventStore>? wrapEvents = null,
        Func<IProjectionStore<LeadReadModel>, IProjectionStore<LeadReadModel>>? wrapStore = null,
        Projection<LeadReadModel>? projection = null,
        ProjectorOptions? options = null)
    {
        Projector = new Projector<LeadReadModel>(
            projection ?? LeadReadModelProjection.Definition,
            wrapEvents?.Invoke(Events) ?? Events,
            wrapStore?.Invoke(Views) ?? Views,
            options ?? FastOptions,
            NullLogger<Projector<LeadReadModel>>.Instance);
        _stop = new CancellationTokenSource();
        _run = Projector.RunAsync(_stop.Token);
        return Projector;
    }

    public async Task StopAsync()
    {
        if (_stop is null || _run is null)
        {
            return;
        }

        await _stop.CancelAsync();
        await _run.WaitAsync(Deadline);
        _stop.Dispose();
        _stop = null;
        _run = null;
    }

    /// <summary>Waits until the projector has committed everything in the event store.</summary>
    public async Task CatchUpAsync()
    {
        var head = await Events.ReadHeadPositionAsync(TestContext.Current.CancellationToken) ?? GlobalPosition.Start;
        await Projector.WaitForPositionAsync(head, TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
    }

    /// <summary>The same events projected by a fresh projector into a fresh view store: the reference to compare with.</summary>
    public async Task<IReadOnlyList<string>> FreshReplayAsync()
    {
        var views = new SqliteLeadViewStore(_directory.File($"fresh-{Guid.NewGuid():N}.db"));
        var projector = new Projector<LeadReadModel>(LeadReadModelProjection.Definition, Events, views, FastOptions, NullLogger<Projector<LeadReadModel>>.Instance);
        using var stop = new CancellationTokenSource();
        var run = projector.RunAsync(stop.Token);
        var head = await Events.ReadHeadPositionAsync(TestContext.Current.CancellationToken) ?? GlobalPosition.Start;
        await projector.WaitForPositionAsync(head, TestContext.Current.CancellationToken).WaitAsync(Deadline, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await run;
        return await ReadModelDump.OfAsync(views);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Events.DisposeAsync();
        _directory.Dispose();
    }
}
