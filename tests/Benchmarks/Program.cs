using System.Text.Json;
using Leads.Benchmarks;

// make bench: one JSON object on stdout (shape documented in tests/Benchmarks/README.md), a short table on stderr.
var quick = args.Contains("--quick");
var workDir = Directory.CreateTempSubdirectory("leads-bench-").FullName;
var duration = TimeSpan.FromSeconds(quick ? 2 : 10);
var leads = quick ? 1_000 : 10_000;
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

void Table(string figure, object value) => Console.Error.WriteLine($"{figure,-28} {JsonSerializer.Serialize(value)}");

try
{
    Console.Error.WriteLine($"bench: work directory {workDir}, {(quick ? "quick" : "full")} run");
    var sqliteLimit = SqliteLimit.Run(workDir, groupSize: 64, duration);
    Table("limit: sqlite grouped", sqliteLimit);
    var storeOne = await EventStoreAppends.RunAsync(workDir, 1, duration, cts.Token);
    Table("event store, 1 writer", storeOne);
    var storeMany = await EventStoreAppends.RunAsync(workDir, 32, duration, cts.Token);
    Table("event store, 32 writers", storeMany);
    var commands = await CommandThroughput.RunAsync(workDir, leads, duration, cts.Token);
    Table("commands over gRPC", commands);
    var readSide = await ReadSide.RunAsync(workDir, quick ? 5_000 : 100_000, 1_000, quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5), cts.Token);
    Table("read side", readSide);
    var searchPage = await SearchPageLatency.RunAsync(workDir, quick ? 5_000 : 100_000, quick, cts.Token);

    var report = new
    {
        schema = "leads-bench/1",
        quick,
        machine = Machine.Describe(),
        limits = new { sqlite_grouped_inserts = sqliteLimit },
        event_store = new { one_writer = storeOne, writers_32 = storeMany },
        commands,
        read_side = readSide,
        search_page = searchPage,
    };
    Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}
finally
{
    Directory.Delete(workDir, recursive: true);
}
