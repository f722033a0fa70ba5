using Leads.EventStore;
using Microsoft.Data.Sqlite;
using static Leads.Projections.Sqlite.SqliteColumns;

namespace Leads.Projections.Sqlite;

/// <summary>
/// The two position queries every SQLite document table answers for resets (<see cref="ISqliteProjectionDocuments{TDoc}"/>),
/// over a table with <c>stream_id</c>, <c>lead_id</c> and the last applied position in <c>position_commit</c>,
/// <c>position_prepare</c>.
/// </summary>
public static class SqliteDocumentPositions
{
    /// <summary>The streams of the documents changed at or after <paramref name="from"/>, by lead id.</summary>
    public static IReadOnlyList<string> ListChangedSince(SqliteConnection connection, string table, GlobalPosition from)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT stream_id FROM {table} WHERE (position_commit, position_prepare) >= ($from_c, $from_p) ORDER BY lead_id";
        AddPosition(command, "$from", from);
        using var r = command.ExecuteReader();
        var streams = new List<string>();
        while (r.Read())
        {
            streams.Add(r.GetString(0));
        }

        return streams;
    }

    /// <summary>The newest document position below <paramref name="before"/> (null: none).</summary>
    public static GlobalPosition? LastChangeBefore(SqliteConnection connection, string table, GlobalPosition before)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT position_commit, position_prepare FROM {table}
            WHERE (position_commit, position_prepare) < ($before_c, $before_p)
            ORDER BY position_commit DESC, position_prepare DESC LIMIT 1
            """;
        AddPosition(command, "$before", before);
        using var r = command.ExecuteReader();
        return r.Read() ? Position(r, 0) : null;
    }
}
