using Analytics.Tests.Support;
using Leads.Analytics;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Testing;

namespace Analytics.Tests;

/// <summary>What every analytics store must do, on SQLite and on a real PostgreSQL.</summary>
[Collection(AnalyticsCollection.Name)]
public sealed class LeadAnalyticsStoreTests(AnalyticsDatabases databases)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(AnalyticsDatabases.Engines), MemberType = typeof(AnalyticsDatabases))]
    public async Task A_batch_committed_twice_changes_nothing_the_second_time(string engine)
    {
        using var directory = new TempDirectory();
        await using var store = await databases.OpenAsync(engine, directory, Ct);
        var first = Commit(At(1), Timeline(1, LeadStatus.Available), Timeline(2, LeadStatus.FollowUp));
        var later = Commit(At(2), Timeline(1, LeadStatus.Converted));
        await store.Store.CommitAsync(first, Ct);
        await store.Store.CommitAsync(later, Ct);
        var once = await store.DumpAsync(Ct);

        await store.Store.CommitAsync(first, Ct);

        Assert.Equal(once, await store.DumpAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(AnalyticsDatabases.Engines), MemberType = typeof(AnalyticsDatabases))]
    public async Task A_forgotten_lead_stays_counted_and_its_tables_hold_no_personal_data(string engine)
    {
        await using var rig = new AnalyticsRig();
        await using var store = await databases.OpenAsync(engine, rig.Directory, Ct);
        var metadata = new EventMetadata { UserId = "alice", RecordedAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero) };
        await LeadEvents.AppendDataAsync(rig.Events, 7_100_001, [.. LeadEvents.Story1410.Select(e => LeadEvents.Data(Renumbered(e, 7_100_001), metadata))]);
        await LeadEvents.AppendDataAsync(rig.Events, 7_100_001, LeadEvents.Data(new LeadForgotten(7_100_001, "asked", metadata.RecordedAt.Value, "alice", ["name"], []), metadata));
        await rig.ProjectAllAsync(store.Store, Ct);

        var pipeline = await store.Queries(TimeProvider.System).GetPipelineAsOfAsync(new DateOnly(2026, 6, 1), Ct);
        var dump = string.Join('\n', await store.DumpAsync(Ct));

        Assert.Equal(1, pipeline.Leads[LeadStatus.Converted]);
        Assert.DoesNotContain("Müller", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("example", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("27243457", dump, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AnalyticsDatabases.Engines), MemberType = typeof(AnalyticsDatabases))]
    public async Task A_reset_from_a_position_then_a_replay_rebuilds_the_same_tables(string engine)
    {
        await using var rig = new AnalyticsRig();
        await using var store = await databases.OpenAsync(engine, rig.Directory, Ct);
        var events = await AppendHistoryAsync(rig);
        await rig.ProjectAllAsync(store.Store, Ct);
        var full = await store.DumpAsync(Ct);

        var middle = (await rig.Events.ReadAllAsync(null, events / 2, Ct).ToListAsync(Ct))[^1].Position;
        await rig.ProjectAllAsync(store.Store, ResetFrom.Position(middle), Ct);

        Assert.Equal(full, await store.DumpAsync(Ct));
    }

    /// <summary>Appends a random history of 30 to 60 leads; the number of events.</summary>
    private static async Task<int> AppendHistoryAsync(AnalyticsRig rig)
    {
        var commands = CsCheck.Check.Single(GeneratedHistory.Of(30, 60));
        await GeneratedHistory.AppendAsync(rig.Events, commands, Ct);
        return commands.Sum(c => c.Events.Count);
    }

    private static ILeadEvent Renumbered(ILeadEvent e, long id) => e switch
    {
        LeadWasInitialized => new LeadWasInitialized(id),
        NameChanged x => x with { LeadId = id },
        ContactInfoChanged x => x with { LeadId = id },
        StatusChanged x => x with { LeadId = id },
        FollowupSet x => x with { LeadId = id },
        _ => e,
    };

    private static GlobalPosition At(ulong n) => new(n * 100, n * 100);

    private static LeadTimeline Timeline(long leadId, LeadStatus status) =>
        new()
        {
            LeadId = leadId,
            CreatedAt = new DateTimeOffset(2026, 1, (int)leadId, 8, 0, 0, TimeSpan.Zero),
            Status = status,
            Intervals = [new StatusInterval(status, new DateTimeOffset(2026, 1, (int)leadId, 8, 0, 0, TimeSpan.Zero), null)],
        };

    private static ProjectionCommit<LeadTimeline> Commit(GlobalPosition at, params LeadTimeline[] timelines) =>
        new([.. timelines.Select(t => new DocumentWrite<LeadTimeline>(LeadStream.Name(t.LeadId), t, at, null))], [], at);
}
