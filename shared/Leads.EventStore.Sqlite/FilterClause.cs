using Microsoft.Data.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>
/// A <see cref="SubscriptionFilter"/> as a SQL condition on the <c>events</c> table, with the same meaning as
/// <see cref="SubscriptionFilter.Matches"/>: never a system event ('$' stream or type), then any of the prefixes
/// (compared exactly, case-sensitive).
/// </summary>
internal static class FilterClause
{
    private const string NotSystem = "substr(stream_id, 1, 1) <> '$' AND substr(event_type, 1, 1) <> '$'";

    /// <summary>The condition, its parameters added to <paramref name="command"/>.</summary>
    public static string For(SubscriptionFilter filter, SqliteCommand command)
    {
        var column = filter.Kind switch
        {
            SubscriptionFilterKind.StreamPrefix => "stream_id",
            SubscriptionFilterKind.EventTypePrefix => "event_type",
            _ => null,
        };
        if (column is null)
        {
            return NotSystem;
        }

        if (filter.Prefixes.Count == 0)
        {
            return "0";
        }

        var alternatives = new List<string>(filter.Prefixes.Count);
        for (var i = 0; i < filter.Prefixes.Count; i++)
        {
            var name = "$prefix" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, filter.Prefixes[i]);
            alternatives.Add($"substr({column}, 1, length({name})) = {name}");
        }

        return $"{NotSystem} AND ({string.Join(" OR ", alternatives)})";
    }
}
