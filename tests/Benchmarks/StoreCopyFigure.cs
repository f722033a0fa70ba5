using System.Diagnostics;
using Leads.EventStore;
using Leads.EventStore.Copy;
using Leads.EventStore.Sqlite;

namespace Leads.Benchmarks;

/// <summary>
/// <c>leads store copy</c> both ways between a SQLite file and the EventStoreDB node, over an interleaved history of
/// fresh leads (one append per event, as a real log mostly is), in events per second; and how long <c>--verify</c>
/// takes to compare the two.
/// </summary>
internal static class StoreCopyFigure
{
    public static async Task<object> RunAsync(IEventStore node, string workDir, int leads, long firstLeadId, string streamPrefix, CancellationToken ct)
    {
        var filter = new StoreCopyOptions { Filter = SubscriptionFilter.StreamPrefix(streamPrefix) };
        await using var source = new SqliteEventStore(Path.Combine(workDir, "copy-source.db"));
        var seeded = await SeedEvents.WriteAsync(source, leads, 10, SeedOrder.Interleaved, ct, firstLeadId: firstLeadId, longLeadId: firstLeadId + leads);
        var toNode = await TimeAsync(source, node, filter, ct);
        Console.Error.WriteLine($"store copy, sqlite to eventstoredb: {seeded.Events} events at {toNode:0} events/s");
        await using var back = new SqliteEventStore(Path.Combine(workDir, "copy-back.db"));
        var toSqlite = await TimeAsync(node, back, filter, ct);
        Console.Error.WriteLine($"store copy, eventstoredb to sqlite: {toSqlite:0} events/s");
        var clock = Stopwatch.StartNew();
        var verified = await StoreComparison.CompareAsync(source, back, filter.Filter, ct);
        return new
        {
            order = "interleaved",
            events = seeded.Events,
            sqlite_to_eventstoredb_events_per_second = Math.Round(toNode),
            eventstoredb_to_sqlite_events_per_second = Math.Round(toSqlite),
            verify_seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
            identical = verified.Identical,
        };
    }

    private static async Task<double> TimeAsync(IEventStore from, IEventStore to, StoreCopyOptions options, CancellationToken ct)
    {
        var events = 0L;
        var clock = Stopwatch.StartNew();
        await new StoreCopier(from, to, options).CopyAsync(null, (p, _) =>
        {
            events += p.Events;
            return ValueTask.CompletedTask;
        }, ct);
        return events / clock.Elapsed.TotalSeconds;
    }
}
