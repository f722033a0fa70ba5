using Leads.EventStore;
using Leads.Projections;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.ReadStores.Tests.Support;

/// <summary>A projector running in the test process on real stores, stopped (cancelled) on dispose.</summary>
public sealed class RunningProjector<TDoc> : IAsyncDisposable
    where TDoc : class
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static ProjectorOptions Options { get; } = new()
    {
        MaxBatchDelay = TimeSpan.FromMilliseconds(5),
        StoreRetryDelay = TimeSpan.FromMilliseconds(20),
        ResubscribeDelay = TimeSpan.FromMilliseconds(20),
        MaxResubscribeDelay = TimeSpan.FromMilliseconds(500),
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    public RunningProjector(Projection<TDoc> projection, IEventStore events, IProjectionStore<TDoc> store)
    {
        Events = events;
        Projector = new Projector<TDoc>(projection, events, store, Options, NullLogger<Projector<TDoc>>.Instance);
        _run = Projector.RunAsync(_stop.Token);
    }

    public Projector<TDoc> Projector { get; }

    private IEventStore Events { get; }

    /// <summary>Waits until everything in the event store is committed.</summary>
    public async Task CatchUpAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var head = await Events.ReadHeadPositionAsync(ct) ?? GlobalPosition.Start;
        await Projector.WaitForPositionAsync(head, ct).WaitAsync(Deadline, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(Deadline);
        _stop.Dispose();
    }
}
