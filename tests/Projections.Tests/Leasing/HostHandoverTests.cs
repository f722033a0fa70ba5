using Projections.Tests.Support;
using Leads.EventStore.Sqlite;
using Leads.EventStore;
using Leads.Projections.Leasing;
using Leads.Projections.Sqlite;
using Leads.Projections;
using Leads.Testing;
using Leads.Views.Sqlite;
using Leads.Views;
using Microsoft.Extensions.Logging.Abstractions;

namespace Projections.Tests.Leasing;

/// <summary>
/// Two projector hosts in one process for the same projection: only the lease holder projects; a clean stop releases
/// the lease and the standby takes over at once from the stored checkpoint.
/// </summary>
public sealed class HostHandoverTests
{
    private static readonly ProjectorLeaseOptions LeaseOptions = new()
    {
        Enabled = true,
        Duration = TimeSpan.FromSeconds(5),
        RenewInterval = TimeSpan.FromMilliseconds(200),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_standby_waits_while_the_holder_runs_and_takes_over_when_it_stops()
    {
        using var directory = new TempDirectory();
        await using var events = new SqliteEventStore(directory.File("events.db"));
        var views = new SqliteLeadViewStore(directory.File("views.db"));
        var lease = new SqliteProjectorLease(directory.File("projections.db"));
        var first = await LeadEvents.AppendRoundAsync(events, leads: 50, round: 0, Ct);

        var (active, activeLeasing) = Host("first", directory, events, views, lease);
        var (standby, standbyLeasing) = Host("second", directory, events, views, lease);
        await active.StartAsync(Ct);
        await Eventually.IsTrueAsync(async () => await views.ReadCheckpointAsync(Ct) >= first, TimeSpan.FromSeconds(30), "the first host projected", Ct);
        await standby.StartAsync(Ct);
        Assert.Equal("first", (await lease.ReadAsync(LeadReadModelProjection.Name, Ct))?.Owner);
        Assert.True(activeLeasing.Holds(LeadReadModelProjection.Name));

        var second = await LeadEvents.AppendRoundAsync(events, leads: 50, round: 1, Ct);
        await Eventually.IsTrueAsync(async () => await views.ReadCheckpointAsync(Ct) >= second, TimeSpan.FromSeconds(30), "live events projected", Ct);
        Assert.False(standbyLeasing.Holds(LeadReadModelProjection.Name));

        await active.StopAsync(Ct);
        await Eventually.IsTrueAsync(
            async () => (await lease.ReadAsync(LeadReadModelProjection.Name, Ct))?.Owner == "second",
            TimeSpan.FromSeconds(5), "the standby took the released lease", Ct);
        var third = await LeadEvents.AppendRoundAsync(events, leads: 50, round: 2, Ct);
        await Eventually.IsTrueAsync(async () => await views.ReadCheckpointAsync(Ct) >= third, TimeSpan.FromSeconds(30), "the standby projected", Ct);
        await standby.StopAsync(Ct);
        Assert.Null(await lease.ReadAsync(LeadReadModelProjection.Name, Ct));

        var fresh = new SqliteLeadViewStore(directory.File("fresh.db"));
        await ReplayAsync(events, fresh, third);
        Assert.Equal(await ReadModelDump.OfAsync(fresh), await ReadModelDump.OfAsync(views));
    }

    private static (ProjectorHost Host, ProjectorLeasing Leasing) Host(string owner, TempDirectory directory, IEventStore events, SqliteLeadViewStore views, SqliteProjectorLease lease)
    {
        var projector = new Projector<LeadReadModel>(
            LeadReadModelProjection.Definition, events, views, new ProjectorOptions { MaxBatchDelay = TimeSpan.Zero }, NullLogger<Projector<LeadReadModel>>.Instance);
        var leasing = new ProjectorLeasing(lease, LeaseOptions with { Owner = owner }, NullLogger<ProjectorLeasing>.Instance);
        var host = new ProjectorHost(
            [projector],
            new SqliteProjectionControl(directory.File("projections.db")),
            new ProjectorHostOptions { ControlPollInterval = TimeSpan.FromMilliseconds(50) },
            NullLogger<ProjectorHost>.Instance,
            leasing: leasing);
        return (host, leasing);
    }

    private static async Task ReplayAsync(IEventStore events, SqliteLeadViewStore views, GlobalPosition head)
    {
        var projector = new Projector<LeadReadModel>(
            LeadReadModelProjection.Definition, events, views, new ProjectorOptions(), NullLogger<Projector<LeadReadModel>>.Instance);
        using var stop = new CancellationTokenSource();
        var run = projector.RunAsync(stop.Token);
        await projector.WaitForPositionAsync(head, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await stop.CancelAsync();
        await run;
    }
}
