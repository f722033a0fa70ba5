using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.Testing;
using Leads.Views;
using Microsoft.Extensions.Logging.Abstractions;
using Projections.Tests.Support;

namespace Projections.Tests.Runtime;

/// <summary>Ops steer a projector through the control plane file, as the query service does from another process.</summary>
public sealed class ControlPlaneTests : IAsyncLifetime
{
    private readonly ProjectorRig _rig = new();
    private SqliteProjectionControl _control = null!;
    private ProjectorHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await LeadEvents.SeedAsync(_rig.Events, leads: 10, rounds: 2);
        _control = new SqliteProjectionControl(_rig.Directory.File("projections.db"));
        var projector = new Projector<LeadReadModel>(
            LeadReadModelProjection.Definition, _rig.Events, _rig.Views, ProjectorRig.FastOptions, NullLogger<Projector<LeadReadModel>>.Instance);
        _host = new ProjectorHost(
            [projector], _control,
            new ProjectorHostOptions { ControlPollInterval = TimeSpan.FromMilliseconds(20), StatusInterval = TimeSpan.FromMilliseconds(50) },
            NullLogger<ProjectorHost>.Instance);
        await _host.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        await _rig.DisposeAsync();
    }

    private async Task<ControlRequest> PerformAsync(ControlAction action)
    {
        var request = await _control.RequestAsync(LeadReadModelProjection.Name, action, Ct);
        return await Eventually.ReturnsAsync(
            async () => await _control.ReadRequestAsync(request.RequestId, Ct) is { AcknowledgedAt: not null } done ? done : null,
            ProjectorRig.Deadline, $"{action} acknowledged", Ct);
    }

    private Task<ProjectorStatus> StatusWhereAsync(Func<ProjectorStatus, bool> condition, string what) =>
        Eventually.ReturnsAsync(
            async () => (await _control.ListStatusAsync(Ct)).SingleOrDefault(s => s.Name == LeadReadModelProjection.Name && condition(s)),
            ProjectorRig.Deadline, what, Ct);

    [Fact]
    public async Task The_projector_publishes_its_status_with_a_heartbeat()
    {
        var head = await _rig.Events.ReadHeadPositionAsync(Ct);

        var status = await StatusWhereAsync(s => s.State == ProjectorState.CaughtUp && s.Checkpoint == head, "caught up status");

        Assert.Equal((head, 0UL, 0), (status.Head, status.LagEvents, status.ParkedCount));
        Assert.InRange(status.Heartbeat, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Pause_and_resume_requests_are_performed_and_acknowledged()
    {
        var head = await _rig.Events.ReadHeadPositionAsync(Ct);
        await StatusWhereAsync(s => s.Checkpoint == head, "caught up");
        var pause = await PerformAsync(new ControlAction.Pause());
        Assert.True(pause.Succeeded);
        await StatusWhereAsync(s => s.State == ProjectorState.Paused, "paused status");

        await LeadEvents.AppendAsync(_rig.Events, 500, LeadEvents.Initialized(500));
        await StatusWhereAsync(s => s.LagEvents == 4, "lag while paused");

        Assert.True((await PerformAsync(new ControlAction.Resume())).Succeeded);
        await StatusWhereAsync(s => s.State == ProjectorState.CaughtUp && s.LagEvents == 0, "caught up after resume");
        Assert.NotNull(await _rig.Views.GetLeadAsync(500, Ct));
    }

    [Fact]
    public async Task A_reset_request_rebuilds_and_reports_its_range()
    {
        var head = await _rig.Events.ReadHeadPositionAsync(Ct);
        await StatusWhereAsync(s => s.Checkpoint == head, "caught up");
        var before = await ReadModelDump.OfAsync(_rig.Views);

        var reset = await PerformAsync(new ControlAction.Reset(ResetFrom.Start));

        Assert.True(reset.Succeeded, reset.Result);
        // The status row published before the reset also says "caught up at the head": wait for one that reports the rebuild.
        var status = await StatusWhereAsync(
            s => s.Checkpoint == head && s.State != ProjectorState.Rebuilding && s.RebuildTarget is not null, "rebuilt");
        Assert.Equal(head, status.RebuildTarget);
        Assert.Equal(before, await ReadModelDump.OfAsync(_rig.Views));
    }

    [Fact]
    public async Task A_request_for_a_replay_of_nothing_parked_succeeds_with_zero()
    {
        var replay = await PerformAsync(new ControlAction.ReplayParked("lead-1"));

        Assert.Equal((true, "0"), (replay.Succeeded, replay.Result));
    }
}
