using System.Diagnostics;
using System.Globalization;
using Leads.Analytics;
using Leads.Analytics.PostgreSql;
using Leads.Analytics.Sqlite;
using Leads.Contracts.V1;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.Benchmarks;

/// <summary>
/// lead-analytics (#18): a rebuild over the interleaved log (<see cref="InterleavedSchedule"/>, fixed seed) whose events
/// carry business times spread over two years, in events per second, on SQLite and on PostgreSQL when its binaries are
/// here; then GetPipeline and GetFunnel over those two years in daily buckets, through the query service (gRPC). The
/// rebuild runs the projector runtime in this process with the service's default options (no view projector beside it).
/// </summary>
internal static class AnalyticsSection
{
    private static readonly TimeSpan History = TimeSpan.FromDays(730);

    public static async Task<object> RunAsync(string workDir, bool quick, TimeSpan queryDuration, CancellationToken ct)
    {
        var loadBefore = LoadAverage();
        var leads = quick ? 2_000 : 100_000;
        var dataDir = Path.Combine(workDir, "analytics");
        Directory.CreateDirectory(dataDir);
        var seedClock = Stopwatch.StartNew();
        SeededLog seeded;
        // Seeded through a store closed afterwards, as the other sections do: closing checkpoints its write-ahead log
        // (gigabytes after a million appends), which the rebuild would otherwise read through page by page.
        await using (var seeding = new SqliteEventStore(Path.Combine(dataDir, "events.db")))
        {
            seeded = await SeedEvents.WriteAsync(seeding, leads, 0, SeedOrder.Interleaved, ct, history: History);
        }

        Console.Error.WriteLine($"analytics: seeded {seeded.Events} events (interleaved, two years of business time) in {seedClock.Elapsed.TotalSeconds:0.0} s");
        await using var events = new SqliteEventStore(Path.Combine(dataDir, "events.db"));

        var sqliteRebuild = await RebuildAsync(SqliteLeadAnalytics.InDataDirectory(dataDir).Store, events, seeded, ct);
        Console.Error.WriteLine($"analytics rebuild, sqlite: {System.Text.Json.JsonSerializer.Serialize(sqliteRebuild)}");
        var settings = new Dictionary<string, string> { ["Leads:DataDirectory"] = dataDir, ["Logging:LogLevel:Default"] = "Warning" };
        var sqliteQueries = await QueriesAsync(settings, queryDuration, ct);
        var postgres = quick
            ? new { skipped = "quick run: PostgreSQL is started in full runs only (its start-up alone would take a large share of the minute)" }
            : await PostgresAsync(settings, events, seeded, queryDuration, ct);
        return new
        {
            order = "interleaved",
            seed = InterleavedSchedule.DefaultSeed,
            leads,
            events = seeded.Events,
            history_days = (int)History.TotalDays,
            load_average_1m = new { before = loadBefore, after = LoadAverage() },
            sqlite = new { rebuild = sqliteRebuild, queries = sqliteQueries },
            postgresql = postgres,
        };
    }

    private static async Task<object> PostgresAsync(
        Dictionary<string, string> settings, IEventStore events, SeededLog seeded, TimeSpan queryDuration, CancellationToken ct)
    {
        await using var node = new PostgresNode();
        await node.TryStartAsync();
        if (!node.Available)
        {
            return new { skipped = node.UnavailableReason };
        }

        var connectionString = await node.CreateDatabaseAsync("bench_analytics", ct);
        await using var postgres = new PostgresLeadAnalytics(connectionString);
        await postgres.CreateSchemaAsync(ct);
        var rebuild = await RebuildAsync(postgres.Store, events, seeded, ct);
        Console.Error.WriteLine($"analytics rebuild, postgresql: {System.Text.Json.JsonSerializer.Serialize(rebuild)}");
        var queries = await QueriesAsync(new Dictionary<string, string>(settings) { ["ConnectionStrings:analytics"] = connectionString }, queryDuration, ct);
        return new { rebuild, queries };
    }

    /// <summary>From the projector's start on an empty store to its checkpoint at the last seeded event.</summary>
    private static async Task<object> RebuildAsync(IProjectionStore<LeadTimeline> store, IEventStore events, SeededLog seeded, CancellationToken ct)
    {
        var projector = new Projector<LeadTimeline>(LeadAnalyticsProjection.Definition, events, store, new ProjectorOptions(), NullLogger<Projector<LeadTimeline>>.Instance);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = Stopwatch.StartNew();
        var run = projector.RunAsync(stop.Token);
        await projector.WaitForPositionAsync(seeded.Last, ct).WaitAsync(TimeSpan.FromMinutes(15), ct);
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await run;
        return new
        {
            events_measured = seeded.Events,
            seconds = Math.Round(seconds, 2),
            events_per_second = Math.Round(seeded.Events / seconds, 0),
            bench_process_peak_memory_mb = PeakMemory.Megabytes(Environment.ProcessId),
        };
    }

    /// <summary>Both questions over the two years in daily buckets (731 points or cohorts), one client each, after a warm-up.</summary>
    private static async Task<object> QueriesAsync(Dictionary<string, string> settings, TimeSpan duration, CancellationToken ct)
    {
        await using var query = await ServiceProcess.StartAsync("Leads.QueryService", QueryServiceSettings.With(settings), cancellationToken: ct);
        var analytics = new LeadAnalytics.LeadAnalyticsClient(query.Channel);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (from, to) = (Day(today.AddDays(-(int)History.TotalDays)), Day(today));
        Task<PipelineReply> Pipeline() => analytics.GetPipelineAsync(new GetPipelineRequest { From = from, To = to, Bucket = "day" }, cancellationToken: ct).ResponseAsync;
        Task<FunnelReply> Funnel() => analytics.GetFunnelAsync(new GetFunnelRequest { From = from, To = to, Bucket = "day" }, cancellationToken: ct).ResponseAsync;
        var points = (await Pipeline()).Points.Count;
        var cohorts = (await Funnel()).Cohorts.Count;
        var pipeline = await ClosedLoop.RunAsync(1, duration, (_, _) => Pipeline(), ct);
        var funnel = await ClosedLoop.RunAsync(1, duration, (_, _) => Funnel(), ct);
        return new { buckets = "day", pipeline_points = points, funnel_cohorts = cohorts, get_pipeline = pipeline, get_funnel = funnel };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The machine's one-minute load average (others build on it while we measure), null where there is none.</summary>
    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : null;
}
