using Projections.Tests.Support;
using Leads.EventStore.Sqlite;
using Leads.EventStore;
using Leads.Projections.Sqlite;
using Leads.Projections;
using Leads.Testing;
using Leads.Views.Sqlite;
using Leads.Views;
using Microsoft.Extensions.Logging.Abstractions;

namespace Projections.Tests.Leasing;

/// <summary>
/// The single-active-projector guarantee on the embedded default, with real processes: two view projector processes
/// on one data directory, one holds the lease and projects while the other stands by; the holder is SIGKILLed while
/// events keep coming; once its lease expires the standby takes over from the stored checkpoint, and the views and
/// status logs equal a fresh replay: nothing lost, nothing applied twice.
/// </summary>
public sealed class LeaseTakeoverTests
{
    private const int LeadCount = 200;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_standby_takes_over_from_the_checkpoint_when_the_active_projector_is_killed()
    {
        using var directory = new TempDirectory();
        await using var events = new SqliteEventStore(directory.File("events.db"));
        var views = new SqliteLeadViewStore(directory.File("views.db"));
        var lease = new SqliteProjectorLease(directory.File("projections.db"));
        var round = 0;
        var head = await LeadEvents.AppendRoundAsync(events, LeadCount, round++, Ct);

        var settings = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = directory.Path,
            ["Leads:ProjectorLease:Enabled"] = "true",
            ["Leads:ProjectorLease:Duration"] = LeaseDuration.ToString(),
            ["Leads:ProjectorLease:RenewInterval"] = "00:00:00.300",
            ["Leads:ViewProjector:MaxBatchSize"] = "50",
        };
        await using var first = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, cancellationToken: Ct);
        var firstOwner = await Eventually.ReturnsAsync(
            async () => (await lease.ReadAsync(LeadReadModelProjection.Name, Ct))?.Owner, TimeSpan.FromSeconds(30), "the first projector took the lease", Ct);
        Assert.EndsWith($":{first.ProcessId}", firstOwner, StringComparison.Ordinal);
        await Eventually.IsTrueAsync(async () => await views.ReadCheckpointAsync(Ct) >= head, TimeSpan.FromSeconds(60), "the first projector caught up", Ct);

        await using var second = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, cancellationToken: Ct);
        await Eventually.IsTrueAsync(
            () => Task.FromResult(second.RecentOutput.Contains("standing by for the lease", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the second projector stands by", Ct);

        // Live events while both run: only the holder projects them.
        head = await LeadEvents.AppendRoundAsync(events, LeadCount, round++, Ct);
        await Eventually.IsTrueAsync(async () => await views.ReadCheckpointAsync(Ct) >= head, TimeSpan.FromSeconds(60), "live events projected", Ct);
        Assert.Equal(firstOwner, (await lease.ReadAsync(LeadReadModelProjection.Name, Ct))?.Owner);
        Assert.DoesNotContain("holds the lease", second.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain($"Projection {LeadReadModelProjection.Name} starting", second.RecentOutput, StringComparison.Ordinal);

        // Kill the holder in the middle of a stream of events, and keep writing while nobody projects.
        var writing = Task.Run(
            async () =>
            {
                var last = GlobalPosition.Start;
                for (var r = 0; r < 6; r++)
                {
                    last = await LeadEvents.AppendRoundAsync(events, LeadCount, round + r, Ct);
                }

                return last;
            },
            Ct);
        var before = await views.ReadCheckpointAsync(Ct);
        await Eventually.IsTrueAsync(async () => await views.ReadCheckpointAsync(Ct) > before, TimeSpan.FromSeconds(30), "the holder projecting the new events", Ct);
        await first.KillAsync();
        var killedAt = await views.ReadCheckpointAsync(Ct);
        head = await writing;
        Assert.True(killedAt < head, $"the holder was killed after it had projected everything ({killedAt} of {head})");

        var secondOwner = await Eventually.ReturnsAsync(
            async () => (await lease.ReadAsync(LeadReadModelProjection.Name, Ct))?.Owner is { } owner && owner != firstOwner ? owner : null,
            LeaseDuration + TimeSpan.FromSeconds(30), "the standby took over the expired lease", Ct);
        Assert.EndsWith($":{second.ProcessId}", secondOwner, StringComparison.Ordinal);
        await Eventually.IsTrueAsync(async () => await views.ReadCheckpointAsync(Ct) >= head, TimeSpan.FromSeconds(60), "the standby caught up", Ct);
        Assert.Contains("holds the lease", second.RecentOutput, StringComparison.Ordinal);

        var fresh = new SqliteLeadViewStore(directory.File("fresh.db"));
        await ReplayAsync(events, fresh, head);
        var expected = await ReadModelDump.OfAsync(fresh);
        Assert.Equal(LeadCount, expected.Count(line => !line.StartsWith(' ')));
        Assert.Equal(expected, await ReadModelDump.OfAsync(views));
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
