using System.Globalization;
using Leads.EventStore;
using Microsoft.Data.Sqlite;
using static Leads.Projections.Sqlite.SqliteColumns;

namespace Leads.Projections.Sqlite;

/// <summary>
/// A projection's checkpoint and parked events in a SQLite file (<c>projection_checkpoints</c>, <c>parked_events</c>,
/// keyed by projection name), beside its documents: writes take the caller's transaction, so that a batch's documents,
/// its parked events and its checkpoint commit together.
/// </summary>
public sealed class SqliteProjectionLedger(string projection)
{
    /// <summary>The ledger's tables; a file that holds projections creates them with its own.</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS projection_checkpoints (
            projection TEXT PRIMARY KEY,
            position_commit INTEGER NOT NULL,
            position_prepare INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS parked_events (
            projection TEXT NOT NULL,
            stream_id TEXT NOT NULL,
            position_commit INTEGER NOT NULL,
            position_prepare INTEGER NOT NULL,
            stream_revision INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            event_type TEXT NOT NULL,
            created INTEGER NOT NULL,
            held INTEGER NOT NULL,
            error TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            parked_at INTEGER NOT NULL,
            PRIMARY KEY (projection, position_commit, position_prepare)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS parked_events_by_stream ON parked_events (projection, stream_id, position_commit, position_prepare);
        """;

    private const string ParkedColumns =
        "stream_id, stream_revision, position_commit, position_prepare, event_id, event_type, created, held, error, attempts, parked_at";

    public string Projection => projection;

    public GlobalPosition? ReadCheckpoint(SqliteConnection connection)
    {
        using var command = Command(connection, null, "SELECT position_commit, position_prepare FROM projection_checkpoints WHERE projection = $projection");
        using var r = command.ExecuteReader();
        return r.Read() ? Position(r, 0) : null;
    }

    /// <summary>The projection's parked events (of one stream, or all when null), in position order.</summary>
    public IReadOnlyList<ParkedEvent> ListParked(SqliteConnection connection, string? streamId)
    {
        using var command = Command(connection, null, $"""
            SELECT {ParkedColumns} FROM parked_events
            WHERE projection = $projection AND ($stream_id IS NULL OR stream_id = $stream_id)
            ORDER BY position_commit, position_prepare
            """);
        command.Parameters.AddWithValue("$stream_id", (object?)streamId ?? DBNull.Value);
        using var r = command.ExecuteReader();
        var parked = new List<ParkedEvent>();
        while (r.Read())
        {
            parked.Add(ReadParked(r));
        }

        return parked;
    }

    public int CountParked(SqliteConnection connection)
    {
        using var command = Command(connection, null, "SELECT COUNT(*) FROM parked_events WHERE projection = $projection");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The latest position below <paramref name="before"/> at which an event was parked.</summary>
    public GlobalPosition? LastParkedBefore(SqliteConnection connection, GlobalPosition before)
    {
        using var command = Command(connection, null, """
            SELECT position_commit, position_prepare FROM parked_events
            WHERE projection = $projection AND (position_commit, position_prepare) < ($before_c, $before_p)
            ORDER BY position_commit DESC, position_prepare DESC LIMIT 1
            """);
        AddPosition(command, "$before", before);
        using var r = command.ExecuteReader();
        return r.Read() ? Position(r, 0) : null;
    }

    /// <summary>Moves the checkpoint forward (a late retry of an older batch never moves it back).</summary>
    public void Advance(SqliteTransaction transaction, GlobalPosition checkpoint)
    {
        using var command = Command(transaction.Connection!, transaction, """
            INSERT INTO projection_checkpoints (projection, position_commit, position_prepare) VALUES ($projection, $cp_c, $cp_p)
            ON CONFLICT (projection) DO UPDATE SET position_commit = excluded.position_commit, position_prepare = excluded.position_prepare
            WHERE (excluded.position_commit, excluded.position_prepare) > (projection_checkpoints.position_commit, projection_checkpoints.position_prepare)
            """);
        AddPosition(command, "$cp", checkpoint);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A reset: removes the parked events at or after <paramref name="from"/> (all of them when null) and sets the
    /// checkpoint to <paramref name="checkpoint"/>, backwards if need be (none when null).
    /// </summary>
    public void Rewind(SqliteTransaction transaction, GlobalPosition? from, GlobalPosition? checkpoint)
    {
        var connection = transaction.Connection!;
        using (var unpark = Command(connection, transaction,
            "DELETE FROM parked_events WHERE projection = $projection AND ($all OR (position_commit, position_prepare) >= ($from_c, $from_p))"))
        {
            unpark.Parameters.AddWithValue("$all", from is null ? 1 : 0);
            AddPosition(unpark, "$from", from ?? GlobalPosition.Start);
            unpark.ExecuteNonQuery();
        }

        using var command = Command(connection, transaction, checkpoint is null
            ? "DELETE FROM projection_checkpoints WHERE projection = $projection"
            : """
              INSERT INTO projection_checkpoints (projection, position_commit, position_prepare) VALUES ($projection, $cp_c, $cp_p)
              ON CONFLICT (projection) DO UPDATE SET position_commit = excluded.position_commit, position_prepare = excluded.position_prepare
              """);
        if (checkpoint is { } cp)
        {
            AddPosition(command, "$cp", cp);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Parks events; <paramref name="replace"/> overwrites a stored entry, otherwise a re-delivered one is left alone.</summary>
    public void Park(SqliteTransaction transaction, IEnumerable<ParkedEvent> parked, bool replace)
    {
        foreach (var e in parked)
        {
            using var command = Command(transaction.Connection!, transaction, $"""
                INSERT OR {(replace ? "REPLACE" : "IGNORE")} INTO parked_events (projection, {ParkedColumns})
                VALUES ($projection, $stream_id, $revision, $c, $p, $event_id, $event_type, $created, $held, $error, $attempts, $parked_at)
                """);
            command.Parameters.AddWithValue("$stream_id", e.StreamId);
            command.Parameters.AddWithValue("$revision", Db(e.StreamRevision));
            command.Parameters.AddWithValue("$c", Db(e.Position.Commit));
            command.Parameters.AddWithValue("$p", Db(e.Position.Prepare));
            command.Parameters.AddWithValue("$event_id", e.EventId.ToString());
            command.Parameters.AddWithValue("$event_type", e.EventType);
            command.Parameters.AddWithValue("$created", Ticks(e.Created));
            command.Parameters.AddWithValue("$held", e.Held ? 1 : 0);
            command.Parameters.AddWithValue("$error", e.Error);
            command.Parameters.AddWithValue("$attempts", e.Attempts);
            command.Parameters.AddWithValue("$parked_at", Ticks(e.ParkedAt));
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Removes parked events that now applied.</summary>
    public void Unpark(SqliteTransaction transaction, IEnumerable<ParkedEvent> applied)
    {
        using var command = Command(transaction.Connection!, transaction,
            "DELETE FROM parked_events WHERE projection = $projection AND position_commit = $c AND position_prepare = $p");
        var c = command.Parameters.Add(new SqliteParameter { ParameterName = "$c" });
        var p = command.Parameters.Add(new SqliteParameter { ParameterName = "$p" });
        foreach (var entry in applied)
        {
            c.Value = Db(entry.Position.Commit);
            p.Value = Db(entry.Position.Prepare);
            command.ExecuteNonQuery();
        }
    }

    private static ParkedEvent ReadParked(SqliteDataReader r) => new(
        r.GetString(0),
        U64(r.GetInt64(1)),
        Position(r, 2),
        Guid.Parse(r.GetString(4)),
        r.GetString(5),
        Time(r.GetInt64(6)),
        r.GetInt64(7) != 0,
        r.GetString(8),
        r.GetInt32(9),
        Time(r.GetInt64(10)));

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$projection", projection);
        return command;
    }
}
