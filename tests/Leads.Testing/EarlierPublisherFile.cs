using System.Globalization;
using Leads.EventStore;
using Leads.Projections;
using Microsoft.Data.Sqlite;

namespace Leads.Testing;

/// <summary>
/// <c>integration-publisher.db</c> as the integration publisher wrote it before it kept the shared ledger: its own
/// tables <c>checkpoints</c> and <c>parked</c> (schema and value encoding copied from that version), for upgrade tests.
/// </summary>
public static class EarlierPublisherFile
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS checkpoints (
            projection TEXT PRIMARY KEY,
            commit_position INTEGER NOT NULL,
            prepare_position INTEGER NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS parked (
            projection TEXT NOT NULL,
            commit_position INTEGER NOT NULL,
            prepare_position INTEGER NOT NULL,
            stream_id TEXT NOT NULL,
            stream_revision INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            created TEXT NOT NULL,
            held INTEGER NOT NULL,
            error TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            parked_at TEXT NOT NULL,
            PRIMARY KEY (projection, commit_position, prepare_position));
        """;

    /// <summary>Writes the file with <paramref name="checkpoint"/> and the parked events given for the projection.</summary>
    public static void Write(string path, string projection, GlobalPosition checkpoint, params ParkedEvent[] parked)
    {
        ArgumentNullException.ThrowIfNull(parked);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Run(connection, Schema, []);
        Run(connection, "INSERT INTO checkpoints VALUES ($p, $c, $r, $t)",
            [("$p", projection), ("$c", Int(checkpoint.Commit)), ("$r", Int(checkpoint.Prepare)), ("$t", Text(DateTimeOffset.UtcNow))]);
        foreach (var p in parked)
        {
            Run(connection, "INSERT INTO parked VALUES ($p, $c, $r, $s, $v, $id, $type, $created, $held, $error, $attempts, $at)",
            [
                ("$p", projection), ("$c", Int(p.Position.Commit)), ("$r", Int(p.Position.Prepare)), ("$s", p.StreamId),
                ("$v", Int(p.StreamRevision)), ("$id", p.EventId.ToString()), ("$type", p.EventType), ("$created", Text(p.Created)),
                ("$held", p.Held ? 1 : 0), ("$error", p.Error), ("$attempts", p.Attempts), ("$at", Text(p.ParkedAt)),
            ]);
        }
    }

    private static void Run(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    private static long Int(ulong value) => unchecked((long)value);

    private static string Text(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
