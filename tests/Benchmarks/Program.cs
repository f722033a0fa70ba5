using System.Text.Json;
using Leads.Benchmarks;

// make bench: one JSON object on stdout (shape documented in README.md), progress on stderr.
var quick = args.Contains("--quick");
var workDir = Directory.CreateTempSubdirectory("leads-bench-").FullName;
var seconds = TimeSpan.FromSeconds(quick ? 2 : 10);
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

try
{
    Console.Error.WriteLine($"bench: work directory {workDir}, {(quick ? "quick" : "full")} run");
    var storeOne = await EventStoreAppends.RunAsync(workDir, 1, seconds, cts.Token);
    Console.Error.WriteLine($"event store, 1 writer:   {JsonSerializer.Serialize(storeOne)}");
    var storeMany = await EventStoreAppends.RunAsync(workDir, 32, seconds, cts.Token);
    Console.Error.WriteLine($"event store, 32 writers: {JsonSerializer.Serialize(storeMany)}");

    var report = new
    {
        schema = "leads-bench/1",
        quick,
        machine = Machine.Describe(),
        event_store = new { one_writer = storeOne, writers_32 = storeMany },
    };
    Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
}
finally
{
    Directory.Delete(workDir, recursive: true);
}
