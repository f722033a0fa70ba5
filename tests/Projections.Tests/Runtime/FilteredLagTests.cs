using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Testing;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>
/// Head, lag and rebuild targets measured on the events a projection receives (its filter), so they mean the same on
/// SQLite and on EventStoreDB, whose head moves past filtered-out and system events.
/// </summary>
public sealed class FilteredLagTests : IAsyncLifetime
{
    private readonly ProjectorRig _rig = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _rig.DisposeAsync();

    [Fact]
    public async Task A_reset_is_rebuilt_once_the_last_matching_event_is_applied_without_waiting_for_a_checkpoint()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 5, rounds: 2);
        var lastLeadEvent = await LeadEvents.AppendAsync(_rig.Events, 1, new NameChanged(1, "Last"));
        await AppendOtherAsync(40);
        _rig.Start(wrapEvents: e => new CheckpointlessEventStore(e));
        await _rig.Projector.WaitForPositionAsync(lastLeadEvent, Ct).WaitAsync(ProjectorRig.Deadline, Ct);

        await _rig.Projector.ResetAsync(ResetFrom.Start, Ct);
        var rebuilt = await Eventually.ReturnsAsync(
            async () => await _rig.Projector.ReadStatusAsync(Ct) is { State: not ProjectorState.Rebuilding } s ? s : null,
            ProjectorRig.Deadline,
            "the reset to be rebuilt",
            Ct);

        Assert.Equal(lastLeadEvent, rebuilt.RebuildTarget);
        Assert.Equal(lastLeadEvent, rebuilt.Head);
        Assert.True(rebuilt.Checkpoint >= lastLeadEvent, rebuilt.ToString());
        Assert.Equal((0UL, 0.0), (rebuilt.LagEvents, rebuilt.LagSeconds));
        Assert.True(await _rig.Events.ReadHeadPositionAsync(Ct) > lastLeadEvent);
    }

    [Fact]
    public async Task Lag_counts_the_events_the_projection_would_receive_and_ages_the_oldest_not_applied()
    {
        _rig.Start();
        await LeadEvents.SeedAsync(_rig.Events, leads: 1, rounds: 1);
        await _rig.CatchUpAsync();
        await _rig.Projector.PauseAsync(Ct);
        await AppendOtherAsync(30);
        var first = await LeadEvents.AppendAsync(_rig.Events, 1, new NameChanged(1, "One"));
        await AppendOtherAsync(30);
        var second = await LeadEvents.AppendAsync(_rig.Events, 1, new NameChanged(1, "Two"));
        await AppendOtherAsync(5);
        var oldest = await FirstAtAsync(first);

        var behind = await _rig.Projector.ReadStatusAsync(Ct);
        await _rig.Projector.ResumeAsync(Ct);
        await _rig.Projector.WaitForPositionAsync(second, Ct).WaitAsync(ProjectorRig.Deadline, Ct);
        var caughtUp = await _rig.Projector.ReadStatusAsync(Ct);

        Assert.Equal((second, 2UL, false), (behind.Head, behind.LagEvents, behind.LagEventsCapped));
        Assert.InRange(behind.LagSeconds, (DateTimeOffset.UtcNow - oldest.Created).TotalSeconds - 60, (DateTimeOffset.UtcNow - oldest.Created).TotalSeconds + 1);
        Assert.Equal((second, 0UL, 0.0), (caughtUp.Head, caughtUp.LagEvents, caughtUp.LagSeconds));
    }

    [Fact]
    public async Task The_event_lag_is_counted_up_to_its_cap()
    {
        _rig.Start();
        await _rig.CatchUpAsync();
        await _rig.Projector.PauseAsync(Ct);
        var many = Enumerable.Range(0, (int)ProjectionLag.CountLimit + 5)
            .Select(i => LeadEvents.Data(new NameChanged(1, $"Name {i}")))
            .ToArray();
        await LeadEvents.AppendDataAsync(_rig.Events, 1, many);

        var status = await _rig.Projector.ReadStatusAsync(Ct);

        Assert.Equal(((ulong)ProjectionLag.CountLimit, true), (status.LagEvents, status.LagEventsCapped));
    }

    private async Task AppendOtherAsync(int count) =>
        await _rig.Events.AppendAsync(
            $"other-{Guid.NewGuid():N}",
            ExpectedRevision.NoStream,
            [.. Enumerable.Range(0, count).Select(_ => new EventData(Guid.NewGuid(), "Unrelated", "{}"u8.ToArray(), EventMetadata.Empty))],
            Ct);

    private async Task<RecordedEvent> FirstAtAsync(GlobalPosition position)
    {
        await foreach (var e in _rig.Events.ReadAllAsync(null, long.MaxValue, Ct))
        {
            if (e.Position == position)
            {
                return e;
            }
        }

        throw new InvalidOperationException($"no event at {position}");
    }
}
