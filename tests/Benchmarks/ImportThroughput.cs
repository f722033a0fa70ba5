using System.Diagnostics;
using Leads.Contracts.V1;
using Leads.Testing;

namespace Leads.Benchmarks;

/// <summary>
/// Bulk import (ImportLeads) into the command service as its own process: one client streams generated rows (a third
/// of them Follow-up with a date: 6 events, the others 4), timed from the first row sent to the summary received.
/// Into the embedded store, beside the SQLite grouped-insert limit measured at the start of the same run; into
/// EventStoreDB when <c>ESDB_CONNECTION</c> is set (fresh lead ids every run: the import key is new).
/// </summary>
internal static class ImportThroughput
{
    public static async Task<object> RunAsync(string workDir, bool quick, object sqliteLimit, CancellationToken ct)
    {
        var embedded = await MeasureAsync(Path.Combine(workDir, "import"), new Dictionary<string, string>(), quick ? 5_000 : 100_000, ct);
        Console.Error.WriteLine($"import, embedded: {embedded}");
        object eventStoreDb = Environment.GetEnvironmentVariable(EventStoreDbSection.ConnectionVariable) is { Length: > 0 } connection
            ? await MeasureAsync(Path.Combine(workDir, "import-esdb"), new Dictionary<string, string> { ["ConnectionStrings:eventstore"] = connection }, quick ? 1_000 : 20_000, ct)
            : new { skipped = $"{EventStoreDbSection.ConnectionVariable} not set" };
        return new { embedded, sqlite_grouped_inserts = sqliteLimit, eventstoredb = eventStoreDb };
    }

    private static async Task<object> MeasureAsync(string dataDir, Dictionary<string, string> settings, int rows, CancellationToken ct)
    {
        settings["Leads:DataDirectory"] = dataDir;
        settings["Logging:LogLevel:Default"] = "Warning";
        await using var service = await ServiceProcess.StartAsync("Leads.CommandService", settings, cancellationToken: ct);
        var commands = new LeadCommands.LeadCommandsClient(service.Channel);
        var key = $"bench-{Guid.NewGuid():N}";
        var generated = Enumerable.Range(0, rows).Select(i => new ImportLeadRow
        {
            Line = i + 2,
            Name = $"Fair Visitor {i}",
            Email = $"visitor{i}@{key}.example",
            Phone = $"+49 30 {1_000_000 + i}",
            Status = i % 3 == 0 ? "FOLLOW_UP" : "",
            FollowupOn = i % 3 == 0 ? "2027-05-01" : "",
            ImportKey = i == 0 ? key : "",
        }).ToList();

        var clock = Stopwatch.StartNew();
        using var call = commands.ImportLeads(deadline: DateTime.UtcNow.AddHours(1), cancellationToken: ct);
        foreach (var row in generated)
        {
            await call.RequestStream.WriteAsync(row, ct);
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;
        var seconds = clock.Elapsed.TotalSeconds;
        var events = generated.Sum(r => r.FollowupOn.Length > 0 ? 6 : 4);
        return new
        {
            rows,
            imported = reply.Imported,
            rejected = reply.Rejected,
            seconds = Math.Round(seconds, 2),
            leads_per_second = Math.Round(reply.Imported / seconds, 1),
            events_per_second = Math.Round(events / seconds, 1),
            peak_memory_mb = PeakMemory.Megabytes(service.ProcessId),
        };
    }
}
