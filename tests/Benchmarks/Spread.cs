using System.Text.Json.Serialization;

namespace Leads.Benchmarks;

/// <summary>The median, lowest and highest of a figure measured several times in one bench.</summary>
internal sealed record Spread(
    [property: JsonPropertyName("median")] double Median,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(Math.Round(median, 3), sorted[0], sorted[^1]);
    }
}
