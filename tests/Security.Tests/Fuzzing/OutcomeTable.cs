using System.Collections.Concurrent;
using System.Text;
using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>How many requests of each attack category against each RPC got each status code, printed as tables.</summary>
public sealed class OutcomeTable
{
    private readonly ConcurrentDictionary<(string Category, string Rpc, StatusCode Code), int> _counts = new();

    public void Add(string category, string rpc, StatusCode code) => _counts.AddOrUpdate((category, rpc, code), 1, (_, n) => n + 1);

    public int Total => _counts.Values.Sum();

    /// <summary>Attack category x status codes (all RPCs), then RPC x category x status codes.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("| attack category | requests | status codes seen |");
        text.AppendLine("|---|---:|---|");
        foreach (var category in _counts.GroupBy(c => c.Key.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"| {category.Key} | {category.Sum(c => c.Value)} | {Codes(category)} |");
        }

        text.AppendLine();
        text.AppendLine("| RPC | attack category | requests | status codes seen |");
        text.AppendLine("|---|---|---:|---|");
        foreach (var cell in _counts.GroupBy(c => (c.Key.Rpc, c.Key.Category)).OrderBy(g => g.Key.Rpc, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
        {
            text.AppendLine($"| {cell.Key.Rpc} | {cell.Key.Category} | {cell.Sum(c => c.Value)} | {Codes(cell)} |");
        }

        return text.ToString();
    }

    private static string Codes(IEnumerable<KeyValuePair<(string Category, string Rpc, StatusCode Code), int>> cells) =>
        string.Join(", ", cells.GroupBy(c => c.Key.Code).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Sum(c => c.Value)}"));
}
