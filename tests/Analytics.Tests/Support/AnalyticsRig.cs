using Leads.Analytics;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Tests.Support;

/// <summary>A real embedded event store in a temporary folder and the lead-analytics projector run over it into an engine's store.</summary>
public sealed class AnalyticsRig : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static ProjectorOptions FastOptions { get; } = new()
    {
        MaxBatchSize = 500,
        MaxBatchDelay = TimeSpan.FromMilliseconds(5),
        StoreRetryDelay = TimeSpan.FromMilliseconds(5),
        HandlerRetries = 1,
        HandlerRetryDelay = TimeSpan.FromMilliseconds(1),
        ResubscribeDelay = TimeSpan.FromMilliseconds(10),
        MaxResubscribeDelay = TimeSpan.FromMilliseconds(100),
    };

    public AnalyticsRig() => Events = new SqliteEventStore(Directory.File("events.db"));

    public TempDirectory Directory { get; } = new("leads-analytics-");

    public SqliteEventStore Events { get; }

    /// <summary>Runs a projector into <paramref name="store"/> until it has everything in the event store, then stops it.</summary>
    public Task ProjectAllAsync(IProjectionStore<LeadTimeline> store, CancellationToken cancellationToken) =>
        ProjectAllAsync(store, Events, null, cancellationToken);

    /// <summary>As <see cref="ProjectAllAsync(IProjectionStore{LeadTimeline}, CancellationToken)"/>, after a reset (the runtime's: rewind, then replay).</summary>
    public Task ProjectAllAsync(IProjectionStore<LeadTimeline> store, ResetFrom? reset, CancellationToken cancellationToken) =>
        ProjectAllAsync(store, Events, reset, cancellationToken);

    /// <summary>Projects the events of another store (a service's) into <paramref name="store"/>.</summary>
    public Task ProjectAllAsync(IProjectionStore<LeadTimeline> store, IEventStore events, CancellationToken cancellationToken) =>
        ProjectAllAsync(store, events, null, cancellationToken);

    private static async Task ProjectAllAsync(IProjectionStore<LeadTimeline> store, IEventStore events, ResetFrom? reset, CancellationToken cancellationToken)
    {
        var projector = new Projector<LeadTimeline>(LeadAnalyticsProjection.Definition, events, store, FastOptions, NullLogger<Projector<LeadTimeline>>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = projector.RunAsync(stop.Token);
        if (reset is not null)
        {
            await projector.ResetAsync(reset, cancellationToken).WaitAsync(Deadline, cancellationToken);
        }

        var head = await events.ReadHeadPositionAsync(cancellationToken) ?? GlobalPosition.Start;
        await projector.WaitForPositionAsync(head, cancellationToken).WaitAsync(Deadline, cancellationToken);
        await stop.CancelAsync();
        await run;
    }

    public async ValueTask DisposeAsync()
    {
        await Events.DisposeAsync();
        Directory.Dispose();
    }
}
