using System.Diagnostics;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.Benchmarks;

/// <summary>Appends per second on the embedded store (synchronous=FULL), one writer and many concurrent writers.</summary>
internal static class EventStoreAppends
{
    public static async Task<object> RunAsync(string workDir, int writers, TimeSpan duration, CancellationToken ct)
    {
        var path = Path.Combine(workDir, $"appends-{writers}.db");
        await using var store = new SqliteEventStore(path);
        var latencies = new Latencies();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(
            async () =>
            {
                var revision = (ulong?)null;
                var leadId = w + 1L;
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

        var stats = store.GroupCommits;
        return new
        {
            writers,
            appends = latencies.Count,
            appends_per_second = Math.Round(latencies.Count / sw.Elapsed.TotalSeconds, 1),
            p50_ms = latencies.Percentile(50),
            p99_ms = latencies.Percentile(99),
            commits = stats.Commits,
            appends_per_commit = stats.Commits == 0 ? 0 : Math.Round((double)stats.Appends / stats.Commits, 2),
        };
    }
}
