using System.Data.Common;
using System.Globalization;
using System.Text;
using Leads.Sqlite;
using Npgsql;

namespace Analytics.Tests.Support;

/// <summary>
/// Every non-null value of every column of every table of an analytics store, as text ("table.column" and the value;
/// bytes read as UTF-8): the tables are those the engine's catalogue lists, not a list kept here, so a table or column
/// added later is scanned too.
/// </summary>
public static class AnalyticsTableScan
{
    public static async Task<IReadOnlyList<(string Column, string Value)>> AllValuesAsync(AnalyticsEngine store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Name == AnalyticsDatabases.Sqlite)
        {
            using var connection = new SqliteFile(store.Location, "").Open();
            return await ScanAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);
        }

        await using var postgres = new NpgsqlConnection(store.Location);
        await postgres.OpenAsync(cancellationToken);
        return await ScanAsync(postgres, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", cancellationToken);
    }

    private static async Task<IReadOnlyList<(string Column, string Value)>> ScanAsync(DbConnection connection, string listTables, CancellationToken cancellationToken)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = listTables;
            await using var names = await list.ExecuteReaderAsync(cancellationToken);
            while (await names.ReadAsync(cancellationToken))
            {
                tables.Add(names.GetString(0));
            }
        }

        Assert.Contains("leads", tables);
        var values = new List<(string Column, string Value)>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var rows = await select.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    if (!await rows.IsDBNullAsync(i, cancellationToken))
                    {
                        var value = rows.GetValue(i);
                        values.Add(($"{table}.{rows.GetName(i)}", value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
                    }
                }
            }
        }

        return values;
    }
}
