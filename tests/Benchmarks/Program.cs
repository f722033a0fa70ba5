using System.Text.Json;
using Leads.Benchmarks;

// make bench: one JSON object on stdout (shape documented in the README, section Benchmarks), a short table on stderr.
var quick = args.Contains("--quick");
// --only=commands (or event_store, import, read_side, search_page, analytics, eventstoredb, eventstoredb_cluster; several with commas): those
// sections only, e.g. to profile one; the others say skipped.
var only = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..];
var onlySections = only?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
var workDir = Directory.CreateTempSubdirectory("leads-bench-").FullName;
var duration = TimeSpan.FromSeconds(quick ? 1 : 10);
// Three rounds of four command figures: half a second each in a quick run keeps it under a minute.
var commandDuration = quick ? TimeSpan.FromMilliseconds(500) : duration;
var rounds = 3;
var leads = quick ? 1_000 : 10_000;
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

void Table(string figure, object value) => Console.Error.WriteLine($"{figure,-28} {JsonSerializer.Serialize(value)}");
async Task<object> Section(string name, Func<Task<object>> measure)
{
    if (onlySections is not null && !onlySections.Contains(name))
    {
        return new { skipped = $"--only={only}" };
    }

    var started = System.Diagnostics.Stopwatch.StartNew();
    var result = await measure();
    Console.Error.WriteLine($"section {name} took {started.Elapsed.TotalSeconds:0.0} s");
    return result;
}

try
{
    Console.Error.WriteLine($"bench: work directory {workDir}, {(quick ? "quick" : "full")} run");
    var sqliteLimit = SqliteLimit.Run(workDir, groupSize: 64, duration);
    Table("limit: sqlite grouped", sqliteLimit);
    var storeOne = await Section("event_store", () => EventStoreAppends.RunAsync(workDir, 1, duration, cts.Token));
    Table("event store, 1 writer", storeOne);
    var storeMany = await Section("event_store", () => EventStoreAppends.RunAsync(workDir, 32, duration, cts.Token));
    Table("event store, 32 writers", storeMany);
    var commands = await Section("commands", () => CommandThroughput.RunAsync(Path.Combine(workDir, "commands"), new Dictionary<string, string>(), leads, 1, commandDuration, rounds, cts.Token));
    Table("commands over gRPC", commands);
    var import = await Section("import", () => ImportThroughput.RunAsync(workDir, quick, sqliteLimit, cts.Token));
    Table("bulk import", import);
    var readSide = await Section("read_side", () => ReadSide.RunAsync(workDir, quick, quick ? 1_000 : 100_000, 1_000, quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(5), cts.Token));
    Table("read side", readSide);
    var searchPage = await Section("search_page", () => SearchPageLatency.RunAsync(workDir, quick ? 1_000 : 100_000, quick, cts.Token));
    var analytics = await Section("analytics", () => AnalyticsSection.RunAsync(workDir, quick, quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(5), cts.Token));
    Table("analytics", analytics);
    var eventStoreDb = await Section("eventstoredb", () => EventStoreDbSection.RunAsync(workDir, quick, duration, commandDuration, rounds, cts.Token));
    Table("eventstoredb", eventStoreDb);
    var eventStoreDbCluster = await Section("eventstoredb_cluster", () => EventStoreDbClusterSection.RunAsync(workDir, quick, commandDuration, rounds, cts.Token));
    Table("eventstoredb, 3-node cluster", eventStoreDbCluster);

    var report = new
    {
        schema = "leads-bench/2",
        quick,
        machine = Machine.Describe(),
        limits = new { sqlite_grouped_inserts = sqliteLimit },
        event_store = new { one_writer = storeOne, writers_32 = storeMany },
        commands,
        import,
        read_side = readSide,
        search_page = searchPage,
        analytics,
        eventstoredb = eventStoreDb,
        eventstoredb_cluster = eventStoreDbCluster,
    };
    Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}
finally
{
    Directory.Delete(workDir, recursive: true);
}
