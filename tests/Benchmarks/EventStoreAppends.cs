using System.Diagnostics;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.Benchmarks;

/// <summary>Appends per second and their latencies, one writer and many concurrent writers, each writer on its own stream.</summary>
internal static class EventStoreAppends
{
    /// <summary>The embedded store (synchronous=FULL), with its group-commit statistics.</summary>
    public static async Task<object> RunAsync(string workDir, int writers, TimeSpan duration, CancellationToken ct)
    {
        var path = Path.Combine(workDir, $"appends-{writers}.db");
        await using var store = new SqliteEventStore(path);
        var (appends, perSecond, latencies) = await MeasureAsync(store, writers, firstLeadId: 1, duration, ct);
        var stats = store.GroupCommits;
        return new
        {
            writers,
            appends,
            appends_per_second = perSecond,
            p50_ms = latencies.Percentile(50),
            p99_ms = latencies.Percentile(99),
            commits = stats.Commits,
            appends_per_commit = stats.Commits == 0 ? 0 : Math.Round((double)stats.Appends / stats.Commits, 2),
        };
    }

    /// <summary>Any store (EventStoreDB): the same loop, without group-commit statistics.</summary>
    public static async Task<object> RunAsync(IEventStore store, int writers, long firstLeadId, TimeSpan duration, CancellationToken ct)
    {
        var (appends, perSecond, latencies) = await MeasureAsync(store, writers, firstLeadId, duration, ct);
        return new { writers, appends, appends_per_second = perSecond, p50_ms = latencies.Percentile(50), p99_ms = latencies.Percentile(99) };
    }

    private static async Task<(int Appends, double PerSecond, Latencies Latencies)> MeasureAsync(
        IEventStore store, int writers, long firstLeadId, TimeSpan duration, CancellationToken ct)
    {
        var latencies = new Latencies();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                var revision = (ulong?)null;
                var leadId = firstLeadId + w;
                var payload = LeadEventSerializer.Serialize(new NameChanged(leadId, "Benchmark Lead Name"));
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var start = Stopwatch.GetTimestamp();
                    var result = await store.AppendAsync(
                        LeadStream.Name(leadId),
                        ExpectedRevision.From(revision),
                        [new EventData(Guid.NewGuid(), LeadEventTypes.NameChanged, payload, EventMetadata.Empty)],
                        ct);
                    latencies.Add(start);
                    revision = result is AppendResult.Success s ? s.NextExpectedRevision : throw new InvalidOperationException($"append failed: {result}");
                }
            },
            ct)).ToArray();
        await Task.WhenAll(tasks);
        sw.Stop();
        return (latencies.Count, Math.Round(latencies.Count / sw.Elapsed.TotalSeconds, 1), latencies);
    }
}
