using System.Diagnostics;
using Leads.EventStore.EventStoreDb;

namespace Leads.Benchmarks;

/// <summary>
/// The same figures with the event store on a real EventStoreDB node (<c>ESDB_CONNECTION</c>): appends (1 and 32
/// writers), view and search rebuild from EventStoreDB over an interleaved history, and commands at 1 and 64 clients
/// with the command service on the node, and <c>leads store copy</c> both ways. The node may be shared and hold earlier data: every run uses fresh lead ids.
/// </summary>
internal static class EventStoreDbSection
{
    public const string ConnectionVariable = "ESDB_CONNECTION";

    public static async Task<object> RunAsync(string workDir, bool quick, TimeSpan duration, TimeSpan commandDuration, int rounds, CancellationToken ct)
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine($"eventstoredb: skipped, {ConnectionVariable} is not set");
            return new { skipped = $"{ConnectionVariable} is not set (e.g. ESDB_CONNECTION=esdb://127.0.0.1:2113?tls=false make bench)" };
        }

        // Fresh ids for this run: a lead range no earlier run on the same node used.
        var runBase = 1_000_000_000L + (DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 1_000_000) * 1_000_000;
        await using var store = EventStoreDbEventStore.Create(connection);

        // The rebuild first: on a fresh node the projectors then read little besides the seeded history.
        var leads = quick ? 1_000 : 10_000;
        var seedClock = Stopwatch.StartNew();
        var seeded = await SeedEvents.WriteAsync(store, leads, 10, SeedOrder.Interleaved, ct, firstLeadId: runBase + 1, longLeadId: runBase + 999_999, inFlight: 64);
        Console.Error.WriteLine($"eventstoredb: seeded {seeded.Events} events (interleaved) in {seedClock.Elapsed.TotalSeconds:0.0} s");
        var esdb = new Dictionary<string, string> { ["ConnectionStrings:eventstore"] = connection };
        var rebuildSettings = new Dictionary<string, string>(esdb) { ["Leads:DataDirectory"] = Path.Combine(workDir, "esdb-read"), ["Logging:LogLevel:Default"] = "Warning" };
        var (view, search, _) = await CatchUp.BothAsync(rebuildSettings, seeded, "eventstoredb", ct);
        var readYourWrites = await ReadYourWrites.OnPlatformAsync(rebuildSettings, runBase + 1, leads, duration, ct);
        Console.Error.WriteLine($"eventstoredb read-your-writes: {System.Text.Json.JsonSerializer.Serialize(readYourWrites)}");

        var oneWriter = await EventStoreAppends.RunAsync(store, 1, runBase + 900_000, duration, ct);
        Console.Error.WriteLine($"eventstoredb appends, 1 writer: {System.Text.Json.JsonSerializer.Serialize(oneWriter)}");
        var writers32 = await EventStoreAppends.RunAsync(store, 32, runBase + 900_100, duration, ct);
        Console.Error.WriteLine($"eventstoredb appends, 32 writers: {System.Text.Json.JsonSerializer.Serialize(writers32)}");

        var commands = await CommandThroughput.RunAsync(
            Path.Combine(workDir, "esdb-commands"), esdb, quick ? 500 : 10_000, runBase + 100_000, commandDuration, rounds, ct);

        // Leads runBase + 600,000 .. 699,999 are the copy's alone: their streams share a prefix nothing else in the run has.
        var copy = await StoreCopyFigure.RunAsync(store, workDir, quick ? 500 : 10_000, runBase + 600_000, $"lead-{runBase / 1_000_000}6", ct);

        return new
        {
            event_store = new { one_writer = oneWriter, writers_32 = writers32 },
            rebuild = new { order = "interleaved", seed = InterleavedSchedule.DefaultSeed, leads, events = seeded.Events, view_projector = view, search_projector = search },
            read_your_writes = readYourWrites,
            commands,
            store_copy = copy,
        };
    }
}
