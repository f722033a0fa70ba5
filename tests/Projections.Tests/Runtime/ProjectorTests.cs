using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Testing;
using Leads.Views;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>The projector on a real embedded event store and view store.</summary>
public sealed class ProjectorTests : IAsyncLifetime
{
    private readonly ProjectorRig _rig = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task Catches_up_in_batches_each_committed_with_its_checkpoint()
    {
        var head = await LeadEvents.SeedAsync(_rig.Events, leads: 100, rounds: 10);
        var store = new InterceptingProjectionStore(_rig.Views);
        _rig.Start(wrapStore: _ => store);

        await _rig.CatchUpAsync();

        Assert.Equal(head, await _rig.Views.ReadCheckpointAsync(Ct));
        Assert.InRange(store.Commits.Count, 1, 100);
        Assert.All(store.Commits, c => Assert.True(c.Documents.Count <= ProjectorRig.FastOptions.MaxBatchSize));
        Assert.Equal(await _rig.FreshReplayAsync(), await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task Views_equal_the_fold_of_each_stream()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 20, rounds: 6);
        _rig.Start();
        await _rig.CatchUpAsync();

        for (var id = 1; id <= 20; id++)
        {
            var events = new List<ILeadEvent>();
            await foreach (var e in _rig.Events.ReadStreamAsync(LeadStream.Name(id), ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, Ct))
            {
                events.Add(LeadEventSerializer.Deserialize(e.EventType, e.Data.Span)!);
            }

            Assert.Equal(LeadState.Fold(events), (await _rig.Views.GetLeadAsync(id, Ct))!.ToState());
        }
    }

    [Fact]
    public async Task Live_events_after_catch_up_are_applied_and_waitable_by_position()
    {
        _rig.Start();
        await _rig.CatchUpAsync();

        var position = await LeadEvents.AppendAsync(_rig.Events, 1410, LeadEvents.Initialized(1410));
        await _rig.Projector.WaitForPositionAsync(position, Ct).WaitAsync(ProjectorRig.Deadline, Ct);

        Assert.Equal("Stefan", (await _rig.Views.GetLeadAsync(1410, Ct))!.Name);
    }

    [Fact]
    public async Task Replaying_every_event_again_changes_nothing()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 30, rounds: 8);
        var store = new InterceptingProjectionStore(_rig.Views);
        _rig.Start(wrapStore: _ => store);
        await _rig.CatchUpAsync();
        var before = await ReadModelDump.OfAsync(_rig.Views);
        await _rig.StopAsync();

        store.ForgetCheckpoint = true;
        var events = new InterceptingEventStore(_rig.Events);
        _rig.Start(wrapEvents: _ => events, wrapStore: _ => store);
        await _rig.CatchUpAsync();

        Assert.Equal(SubscriptionStart.FromStart, Assert.Single(events.Subscriptions));
        Assert.Equal(before, await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task After_a_restart_it_continues_at_exactly_the_next_event()
    {
        var first = await LeadEvents.SeedAsync(_rig.Events, leads: 10, rounds: 3);
        _rig.Start();
        await _rig.CatchUpAsync();
        await _rig.StopAsync();
        await LeadEvents.SeedAsync(_rig.Events, leads: 5, rounds: 1, firstLeadId: 100);

        var events = new InterceptingEventStore(_rig.Events);
        _rig.Start(wrapEvents: _ => events);
        await _rig.CatchUpAsync();

        Assert.Equal(SubscriptionStart.After(first), events.Subscriptions[0]);
        Assert.Equal(GlobalPosition.FromSequence(first.Commit + 1), events.Delivered[0]);
        Assert.Equal(await _rig.FreshReplayAsync(), await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task Transient_store_failures_are_retried_without_loss_or_duplicates()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 20, rounds: 5);
        var store = new InterceptingProjectionStore(_rig.Views);
        store.FailNextCommits(3);
        _rig.Start(wrapStore: _ => store);

        await _rig.CatchUpAsync();

        Assert.Equal(await _rig.FreshReplayAsync(), await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task A_store_outage_longer_than_the_retries_faults_then_recovers_from_the_stored_checkpoint()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 20, rounds: 5);
        var store = new InterceptingProjectionStore(_rig.Views);
        store.FailNextCommits(ProjectorRig.FastOptions.StoreRetries * 3);
        _rig.Start(wrapStore: _ => store);

        await _rig.CatchUpAsync();

        var status = await _rig.Projector.ReadStatusAsync(Ct);
        Assert.Equal(("injected store failure", 0UL), (status.LastError, status.LagEvents));
        Assert.Equal(await _rig.FreshReplayAsync(), await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task A_dropped_subscription_is_resumed_from_the_stored_checkpoint()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 50, rounds: 10);
        var events = new InterceptingEventStore(_rig.Events);
        events.DropOnceAfter(700);
        _rig.Start(wrapEvents: _ => events);

        await _rig.CatchUpAsync();

        Assert.True(events.Subscriptions.Count >= 2, "resubscribed");
        Assert.Equal(SubscriptionStartKind.After, events.Subscriptions[^1].Kind);
        Assert.Equal(await _rig.FreshReplayAsync(), await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task Paused_it_applies_nothing_and_resumed_it_catches_up()
    {
        _rig.Start();
        await _rig.CatchUpAsync();
        await _rig.Projector.PauseAsync(Ct);

        await LeadEvents.AppendAsync(_rig.Events, 1, LeadEvents.Initialized(1));
        var paused = await _rig.Projector.ReadStatusAsync(Ct);
        Assert.Equal((ProjectorState.Paused, 4UL), (paused.State, paused.LagEvents));
        Assert.Null(await _rig.Views.GetLeadAsync(1, Ct));

        await _rig.Projector.ResumeAsync(Ct);
        await _rig.CatchUpAsync();
        Assert.NotNull(await _rig.Views.GetLeadAsync(1, Ct));
    }

    [Fact]
    public async Task Status_reports_checkpoint_head_and_lag()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 5, rounds: 1);
        _rig.Start();
        await _rig.CatchUpAsync();
        await _rig.Projector.PauseAsync(Ct);
        var head = await LeadEvents.AppendAsync(_rig.Events, 1, new NameChanged(1, "Later"), new NameChanged(1, "Later still"));

        var status = await _rig.Projector.ReadStatusAsync(Ct);

        Assert.Equal((LeadReadModelProjection.Name, head, 2UL), (status.Name, status.Head, status.LagEvents));
        Assert.Equal(GlobalPosition.FromSequence(head.Commit - 2), status.Checkpoint);
        Assert.InRange(status.LagSeconds, 0, 60);
    }
}
