using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Testing;
using Leads.Views;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>Poison events are parked per lead; resets rebuild exactly what a fresh replay builds.</summary>
public sealed class PoisonAndResetTests : IAsyncLifetime
{
    private readonly ProjectorRig _rig = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task A_poison_event_is_parked_with_its_leads_later_events_while_other_leads_flow()
    {
        await LeadEvents.AppendAsync(_rig.Events, 1, LeadEvents.Initialized(1));
        await LeadEvents.AppendAsync(_rig.Events, 2, LeadEvents.Initialized(2, "Before poison"));
        var poison = await LeadEvents.AppendDataAsync(_rig.Events, 2, LeadEvents.Corrupt());
        var heldName = await LeadEvents.AppendAsync(_rig.Events, 2, new NameChanged(2, "After poison"));
        var heldStatus = await LeadEvents.AppendAsync(_rig.Events, 2, new StatusChanged(2, LeadStatus.Closed));
        await LeadEvents.AppendAsync(_rig.Events, 1, new NameChanged(1, "Lead one flows on"));
        await LeadEvents.AppendAsync(_rig.Events, 3, LeadEvents.Initialized(3, "Lead three"));
        _rig.Start();

        await _rig.CatchUpAsync();

        var parked = await _rig.Views.ListParkedAsync(null, Ct);
        Assert.Equal([(poison, false), (heldName, true), (heldStatus, true)], parked.Select(p => (p.Position, p.Held)));
        Assert.Contains("JsonException", parked[0].Error, StringComparison.Ordinal);
        Assert.Equal(1 + ProjectorRig.FastOptions.HandlerRetries, parked[0].Attempts);
        Assert.Equal("Before poison", (await _rig.Views.GetLeadAsync(2, Ct))!.Name);
        Assert.Equal("Lead one flows on", (await _rig.Views.GetLeadAsync(1, Ct))!.Name);
        Assert.Equal("Lead three", (await _rig.Views.GetLeadAsync(3, Ct))!.Name);
        Assert.Equal(3, (await _rig.Projector.ReadStatusAsync(Ct)).ParkedCount);
    }

    [Fact]
    public async Task A_held_lead_keeps_parking_live_events_in_order()
    {
        await LeadEvents.AppendAsync(_rig.Events, 2, LeadEvents.Initialized(2));
        await LeadEvents.AppendDataAsync(_rig.Events, 2, LeadEvents.Corrupt());
        _rig.Start();
        await _rig.CatchUpAsync();

        var live = await LeadEvents.AppendAsync(_rig.Events, 2, new NameChanged(2, "Live"));
        await _rig.Projector.WaitForPositionAsync(live, Ct).WaitAsync(ProjectorRig.Deadline, Ct);

        Assert.Equal([false, true], (await _rig.Views.ListParkedAsync("lead-2", Ct)).Select(p => p.Held));
    }

    [Fact]
    public async Task Replaying_parked_events_after_a_fix_completes_the_lead_and_unblocks_it()
    {
        var broken = new HashSet<Guid>();
        var projection = new ProjectionBuilder<LeadReadModel>(
                LeadReadModelProjection.Name,
                LeadReadModelProjection.Definition.Initial,
                recorded => broken.Contains(recorded.EventId) ? throw new InvalidDataException("handler bug") : LeadEventDecoder.Decode(recorded))
            .Include(LeadReadModelProjection.Definition, m => m, (_, m) => m)
            .Build();
        await LeadEvents.AppendAsync(_rig.Events, 2, LeadEvents.Initialized(2));
        var bad = LeadEvents.Data(new StatusChanged(2, LeadStatus.FollowUp));
        broken.Add(bad.EventId);
        await LeadEvents.AppendDataAsync(_rig.Events, 2, bad);
        await LeadEvents.AppendAsync(_rig.Events, 2, new FollowupSet(2, new DateOnly(2016, 11, 23)));
        _rig.Start(projection: projection);
        await _rig.CatchUpAsync();
        Assert.Equal(2, await _rig.Views.CountParkedAsync(Ct));

        broken.Clear();
        var applied = await _rig.Projector.ReplayParkedAsync("lead-2", Ct);
        var later = await LeadEvents.AppendAsync(_rig.Events, 2, new NameChanged(2, "After the fix"));
        await _rig.Projector.WaitForPositionAsync(later, Ct).WaitAsync(ProjectorRig.Deadline, Ct);

        Assert.Equal((2, 0), (applied, await _rig.Views.CountParkedAsync(Ct)));
        var view = (await _rig.Views.GetLeadAsync(2, Ct))!;
        Assert.Equal((LeadStatus.FollowUp, (DateOnly?)new DateOnly(2016, 11, 23), "After the fix"), (view.Status, view.FollowupOn, view.Name));
        Assert.Equal(await _rig.FreshReplayAsync(), await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task Replaying_a_still_broken_event_keeps_it_parked_with_the_new_error()
    {
        await LeadEvents.AppendAsync(_rig.Events, 2, LeadEvents.Initialized(2));
        await LeadEvents.AppendDataAsync(_rig.Events, 2, LeadEvents.Corrupt());
        await LeadEvents.AppendAsync(_rig.Events, 2, new NameChanged(2, "Held"));
        _rig.Start();
        await _rig.CatchUpAsync();

        var applied = await _rig.Projector.ReplayParkedAsync("lead-2", Ct);

        Assert.Equal(0, applied);
        Assert.Equal([false, true], (await _rig.Views.ListParkedAsync("lead-2", Ct)).Select(p => p.Held));
    }

    [Fact]
    public async Task Reset_from_the_start_rebuilds_identical_views_and_status_logs()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 40, rounds: 8);
        _rig.Start();
        await _rig.CatchUpAsync();
        var before = await ReadModelDump.OfAsync(_rig.Views);

        await _rig.Projector.ResetAsync(ResetFrom.Start, Ct);
        var rewound = await _rig.Views.ReadCheckpointAsync(Ct);
        await _rig.CatchUpAsync();

        Assert.True(rewound is null || rewound < await _rig.Events.ReadHeadPositionAsync(Ct), "the checkpoint went back");
        Assert.Equal(before, await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task Reset_from_a_position_rebuilds_identical_views_and_status_logs()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 40, rounds: 8);
        _rig.Start();
        await _rig.CatchUpAsync();
        var before = await ReadModelDump.OfAsync(_rig.Views);
        var head = (await _rig.Events.ReadHeadPositionAsync(Ct))!.Value;

        foreach (var from in new[] { head.Commit / 2, 1UL, head.Commit, 7UL })
        {
            await _rig.Projector.ResetAsync(ResetFrom.Position(GlobalPosition.FromSequence(from)), Ct);
            Assert.True(await _rig.Views.ReadCheckpointAsync(Ct) is not { } cp || cp < GlobalPosition.FromSequence(from), $"checkpoint rewound before {from}");
            await _rig.CatchUpAsync();

            Assert.Equal(before, await ReadModelDump.OfAsync(_rig.Views));
        }
    }

    [Fact]
    public async Task Reset_from_a_time_replays_what_was_recorded_since()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 10, rounds: 4);
        _rig.Start();
        await _rig.CatchUpAsync();
        var before = await ReadModelDump.OfAsync(_rig.Views);
        var middle = await _rig.Events.ReadAllAsync(GlobalPosition.FromSequence(40), 1, Ct).FirstAsync(Ct);

        await _rig.Projector.ResetAsync(ResetFrom.Time(middle.Created), Ct);
        await _rig.CatchUpAsync();

        Assert.Equal(before, await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task Reset_keeps_parked_events_before_its_position_and_parks_the_replayed_ones_again()
    {
        await LeadEvents.AppendAsync(_rig.Events, 2, LeadEvents.Initialized(2));
        await LeadEvents.AppendDataAsync(_rig.Events, 2, LeadEvents.Corrupt());
        var held = await LeadEvents.AppendAsync(_rig.Events, 2, new NameChanged(2, "Held"));
        await LeadEvents.AppendAsync(_rig.Events, 1, LeadEvents.Initialized(1));
        _rig.Start();
        await _rig.CatchUpAsync();
        var before = await _rig.Views.ListParkedAsync(null, Ct);

        await _rig.Projector.ResetAsync(ResetFrom.Position(held), Ct);
        await _rig.CatchUpAsync();

        Assert.Equal(before.Select(p => (p.Position, p.Held)), (await _rig.Views.ListParkedAsync(null, Ct)).Select(p => (p.Position, p.Held)));
    }
}
