using System.Diagnostics;

namespace Leads.Benchmarks;

/// <summary>Runs <c>clients</c> closed loops of one operation for a fixed time and records each call's latency.</summary>
internal static class ClosedLoop
{
    public static async Task<LoopFigure> RunAsync(int clients, TimeSpan duration, Func<int, long, Task> operation, CancellationToken ct)
    {
        var latencies = new Latencies();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(
            async () =>
            {
                for (long i = 0; Stopwatch.GetTimestamp() < stopAt; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await operation(client, i).ConfigureAwait(false);
                    latencies.Add(start);
                }
            },
            ct));
        await Task.WhenAll(loops).ConfigureAwait(false);
        sw.Stop();
        return new LoopFigure(
            clients,
            latencies.Count,
            Math.Round(latencies.Count / sw.Elapsed.TotalSeconds, 1),
            latencies.Percentile(50),
            latencies.Percentile(99));
    }
}
