using System.Diagnostics;
using Leads.Domain.Events;
using Microsoft.Data.Sqlite;

namespace Leads.Benchmarks;

/// <summary>
/// The machine's limit for the embedded store: plain grouped inserts of the same events into SQLite with the same
/// durability (WAL, synchronous=FULL), one transaction per group, no expected-revision checks.
/// </summary>
internal static class SqliteLimit
{
    public static object Run(string workDir, int groupSize, TimeSpan duration)
    {
        var path = Path.Combine(workDir, $"limit-{groupSize}.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
        Execute(connection, "CREATE TABLE events (seq INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id BLOB NOT NULL UNIQUE, event_type TEXT NOT NULL, created INTEGER NOT NULL, data BLOB NOT NULL, metadata BLOB, UNIQUE (stream_id, revision))");

        var payload = LeadEventSerializer.Serialize(new NameChanged(1, "Benchmark Lead Name"));
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO events (stream_id, revision, event_id, event_type, created, data, metadata) VALUES ($s, $r, $id, $t, $c, $d, NULL)";
        var stream = insert.Parameters.Add("$s", SqliteType.Text);
        var revision = insert.Parameters.Add("$r", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Blob);
        insert.Parameters.AddWithValue("$t", LeadEventTypes.NameChanged);
        var created = insert.Parameters.Add("$c", SqliteType.Integer);
        insert.Parameters.AddWithValue("$d", payload);
        insert.Prepare();

        long events = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < duration)
        {
            using var tx = connection.BeginTransaction();
            insert.Transaction = tx;
            for (var i = 0; i < groupSize; i++)
            {
                stream.Value = "lead-" + (events % 10_000);
                revision.Value = events;
                id.Value = Guid.NewGuid().ToByteArray();
                created.Value = DateTime.UtcNow.Ticks;
                insert.ExecuteNonQuery();
                events++;
            }

            tx.Commit();
        }

        return new { group_size = groupSize, events, events_per_second = Math.Round(events / sw.Elapsed.TotalSeconds, 1) };
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
