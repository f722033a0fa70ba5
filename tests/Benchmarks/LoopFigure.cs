using System.Text.Json.Serialization;

namespace Leads.Benchmarks;

/// <summary>One closed-loop measurement: calls made by <see cref="Clients"/> concurrent clients, their rate and latencies (ms).</summary>
internal sealed record LoopFigure(
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("operations")] int Operations,
    [property: JsonPropertyName("per_second")] double PerSecond,
    [property: JsonPropertyName("p50_ms")] double P50Ms,
    [property: JsonPropertyName("p99_ms")] double P99Ms);
