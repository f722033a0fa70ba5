using System.Text.Json.Serialization;

namespace Leads.Benchmarks;

/// <summary>A closed-loop figure measured in several rounds of one bench (interleaved with the other figures): median, min and max of each number.</summary>
internal sealed record RepeatedFigure(
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("runs")] int Runs,
    [property: JsonPropertyName("per_second")] Spread PerSecond,
    [property: JsonPropertyName("p50_ms")] Spread P50Ms,
    [property: JsonPropertyName("p99_ms")] Spread P99Ms,
    [property: JsonPropertyName("each_run")] IReadOnlyList<LoopFigure> EachRun)
{
    public static RepeatedFigure Of(IReadOnlyList<LoopFigure> runs) => new(
        runs[0].Clients,
        runs.Count,
        Spread.Of(runs.Select(r => r.PerSecond)),
        Spread.Of(runs.Select(r => r.P50Ms)),
        Spread.Of(runs.Select(r => r.P99Ms)),
        runs);
}
