using Analytics.Tests.Support;
using Leads.Analytics.Sqlite;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Analytics.Tests;

/// <summary>
/// lead-analytics in its real process (the view projector's built dll, where it runs), SIGKILLed again and again
/// during a rebuild: afterwards its tables and checkpoint equal a fresh rebuild in the test process exactly.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class AnalyticsCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_repeatedly_during_a_rebuild_it_converges_to_a_fresh_rebuild()
    {
        using var directory = new TempDirectory("leads-analytics-crash-");
        await using (var events = new SqliteEventStore(directory.File("events.db")))
        {
            for (var round = 0; round < 6; round++)
            {
                await GeneratedHistory.AppendAsync(events, CsCheck.Check.Single(GeneratedHistory.Of(300, 400)), Ct);
            }
        }

        GlobalPosition head;
        await using (var events = new SqliteEventStore(directory.File("events.db")))
        {
            head = await events.ReadHeadPositionAsync(Ct) ?? GlobalPosition.Start;
        }

        var analytics = SqliteLeadAnalytics.InDataDirectory(directory.Path);
        var settings = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = directory.Path,
            ["Leads:AnalyticsProjector:MaxBatchSize"] = "100",
        };
        var killedMidRebuild = 0;
        for (var kill = 0; kill < 6; kill++)
        {
            var before = await analytics.Store.ReadCheckpointAsync(Ct) ?? GlobalPosition.Start;
            if (before >= head)
            {
                break;
            }

            await using var projector = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, waitForHealth: false, cancellationToken: Ct, environment: null);
            await Eventually.IsTrueAsync(
                async () => { projector.ThrowIfExited(); return await analytics.Store.ReadCheckpointAsync(Ct) is { } cp && cp > before; },
                TimeSpan.FromSeconds(60), "progress before the kill", Ct);
            await projector.KillAsync();
            if (await analytics.Store.ReadCheckpointAsync(Ct) is { } at && at < head)
            {
                killedMidRebuild++;
            }
        }

        await using (var projector = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, waitForHealth: false, cancellationToken: Ct, environment: null))
        {
            await Eventually.IsTrueAsync(
                async () => { projector.ThrowIfExited(); return await analytics.Store.ReadCheckpointAsync(Ct) is { } cp && cp >= head; },
                TimeSpan.FromSeconds(120), "the rebuild finished", Ct);
        }

        Assert.True(killedMidRebuild >= 2, $"killed mid-rebuild only {killedMidRebuild} times");
        await using var rig = new AnalyticsRig();
        var fresh = new SqliteLeadAnalytics(rig.Directory.File("fresh.db"));
        await using (var source = new SqliteEventStore(directory.File("events.db")))
        {
            await rig.ProjectAllAsync(fresh.Store, source, Ct);
        }

        Assert.Equal(await TableDump.OfSqliteAsync(fresh.Path, Ct), await TableDump.OfSqliteAsync(analytics.Path, Ct));
    }
}
