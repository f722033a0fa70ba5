using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Copy;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.Testing;
using Leads.Views;
using Leads.Views.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>
/// After the system moved to another event store (<c>leads store copy</c>), a projector does not follow a checkpoint
/// taken from the old one: it shows Faulted with what to do, applies nothing, and a reset from the start rebuilds it
/// from the store it reads now.
/// </summary>
public sealed class ForeignCheckpointTests : IAsyncDisposable
{
    private readonly TempDirectory _folder = new("leads-origin-");
    private readonly SqliteLeadViewStore _views;
    private readonly SqliteCheckpointOrigins _origins;

    public ForeignCheckpointTests()
    {
        _views = new SqliteLeadViewStore(_folder.File("views.db"));
        _origins = new SqliteCheckpointOrigins(_folder.File("projections.db"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_checkpoint_from_the_old_store_is_refused_until_a_reset_from_the_start_rebuilds_from_the_new_one()
    {
        await using var before = new SqliteEventStore(_folder.File("before.db"));
        await LeadEvents.AppendAsync(before, 1, LeadEvents.Initialized(1, "Anna"));
        var builtTo = await LeadEvents.AppendAsync(before, 2, LeadEvents.Initialized(2, "Bert"));
        await using (var first = Run(before))
        {
            await first.Projector.WaitForPositionAsync(builtTo, Ct).WaitAsync(ProjectorRig.Deadline, Ct);
        }

        await using var after = new SqliteEventStore(_folder.File("after.db"));
        await new StoreCopier(before, after, new StoreCopyOptions()).CopyAsync(null, (_, _) => ValueTask.CompletedTask, Ct);
        var renamed = await LeadEvents.AppendAsync(after, 1, new NameChanged(1, "Anna on the new store"));
        await using var second = Run(after);
        await Eventually.IsTrueAsync(() => Task.FromResult(second.Projector.State == ProjectorState.Faulted), ProjectorRig.Deadline, "the projector to refuse", Ct);
        var refused = await second.Projector.ReadStatusAsync(Ct);
        var nameWhileRefused = (await _views.GetLeadAsync(1, Ct))!.Name;
        var checkpointWhileRefused = await _views.ReadCheckpointAsync(Ct);

        await second.Projector.ResetAsync(ResetFrom.Start, Ct);
        await second.Projector.WaitForPositionAsync(renamed, Ct).WaitAsync(ProjectorRig.Deadline, Ct);

        Assert.Contains("Reset it from the start", refused.LastError, StringComparison.Ordinal);
        Assert.Equal(builtTo, checkpointWhileRefused);
        Assert.Equal("Anna", nameWhileRefused);
        Assert.Equal("Anna on the new store", (await _views.GetLeadAsync(1, Ct))!.Name);
        Assert.Equal(await after.ReadStoreIdAsync(Ct), await _origins.ReadAsync(LeadReadModelProjection.Name, Ct));
    }

    [Fact]
    public async Task A_first_start_records_the_store_and_a_restart_on_it_follows_its_checkpoint()
    {
        await using var store = new SqliteEventStore(_folder.File("events.db"));
        var first = await LeadEvents.AppendAsync(store, 1, LeadEvents.Initialized(1));
        await using (var run = Run(store))
        {
            await run.Projector.WaitForPositionAsync(first, Ct).WaitAsync(ProjectorRig.Deadline, Ct);
        }

        var next = await LeadEvents.AppendAsync(store, 1, new NameChanged(1, "Renamed"));
        await using var again = Run(store);
        await again.Projector.WaitForPositionAsync(next, Ct).WaitAsync(ProjectorRig.Deadline, Ct);

        Assert.Equal(await store.ReadStoreIdAsync(Ct), await _origins.ReadAsync(LeadReadModelProjection.Name, Ct));
        Assert.Equal("Renamed", (await _views.GetLeadAsync(1, Ct))!.Name);
    }

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }

    private RunningProjector Run(IEventStore events) => new(new Projector<LeadReadModel>(
        LeadReadModelProjection.Definition, events, _views, ProjectorRig.FastOptions, NullLogger<Projector<LeadReadModel>>.Instance, origins: _origins));

    /// <summary>A projector running until disposed.</summary>
    private sealed class RunningProjector : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public RunningProjector(Projector<LeadReadModel> projector)
        {
            Projector = projector;
            _run = projector.RunAsync(_stop.Token);
        }

        public Projector<LeadReadModel> Projector { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run.WaitAsync(ProjectorRig.Deadline);
            _stop.Dispose();
        }
    }
}
