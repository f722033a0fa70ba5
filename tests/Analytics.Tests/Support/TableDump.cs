using System.Globalization;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Analytics.Tests.Support;

/// <summary>Every row of the analytics tables and the checkpoint, as text in a fixed order: two stores are equal when their dumps are.</summary>
public static class TableDump
{
    private static readonly string[] Queries =
    [
        "SELECT lead_id, created_at, created_day, status, status_since, forgotten, first_followup_at, converted_at, converted_day, closed_at, reopenings, seconds_to_conversion, position_commit, position_prepare FROM leads ORDER BY lead_id",
        "SELECT * FROM status_intervals ORDER BY lead_id, seq",
        "SELECT * FROM followups ORDER BY lead_id, seq",
        "SELECT * FROM lead_activity ORDER BY lead_id, day, caller",
        "SELECT projection, position_commit, position_prepare FROM projection_checkpoints ORDER BY projection",
    ];

    public static Task<IReadOnlyList<string>> OfSqliteAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new SqliteFile(path, "");
        using var connection = file.Open();
        var rows = new List<string>();
        foreach (var query in Queries)
        {
            using var command = connection.CreateCommand();
            command.CommandText = query;
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                rows.Add(Row(r));
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(rows);
    }

    public static async Task<IReadOnlyList<string>> OfPostgresAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var rows = new List<string>();
        foreach (var query in Queries)
        {
            await using var command = new NpgsqlCommand(query, connection);
            await using var r = await command.ExecuteReaderAsync(cancellationToken);
            while (await r.ReadAsync(cancellationToken))
            {
                rows.Add(Row(r));
            }
        }

        return rows;
    }

    private static string Row(System.Data.Common.DbDataReader r) =>
        string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)));
}
