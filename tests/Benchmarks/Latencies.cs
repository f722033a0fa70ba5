using System.Diagnostics;

namespace Leads.Benchmarks;

/// <summary>Collects per-operation latencies (thread-safe) and reports percentiles in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly List<double> samples = [];
    private readonly Lock gate = new();

    public void Add(long startTimestamp)
    {
        var ms = Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
        lock (gate)
        {
            samples.Add(ms);
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return samples.Count;
            }
        }
    }

    public double Percentile(double p)
    {
        lock (gate)
        {
            if (samples.Count == 0)
            {
                return double.NaN;
            }

            samples.Sort();
            var rank = (int)Math.Ceiling(p / 100.0 * samples.Count) - 1;
            return Math.Round(samples[Math.Clamp(rank, 0, samples.Count - 1)], 3);
        }
    }

    public object Summary(double elapsedSeconds) => new
    {
        operations = Count,
        per_second = Math.Round(Count / elapsedSeconds, 1),
        p50_ms = Percentile(50),
        p99_ms = Percentile(99),
    };
}
