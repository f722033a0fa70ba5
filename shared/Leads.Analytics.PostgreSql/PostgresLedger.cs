using Leads.EventStore;
using Leads.Projections;
using Npgsql;

namespace Leads.Analytics.PostgreSql;

/// <summary>
/// The projection's checkpoint and parked events in PostgreSQL (<c>projection_checkpoints</c>, <c>parked_events</c>),
/// the same rows as the SQLite ledger; writes take the caller's transaction, so they commit with the tables.
/// </summary>
internal sealed class PostgresLedger(string projection)
{
    private const string ParkedColumns =
        "stream_id, stream_revision, position_commit, position_prepare, event_id, event_type, created, held, error, attempts, parked_at";

    public async Task<GlobalPosition?> ReadCheckpointAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, "SELECT position_commit, position_prepare FROM projection_checkpoints WHERE projection = @projection");
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresValues.Position(r, 0) : null;
    }

    public async Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(NpgsqlConnection connection, string? streamId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, $"""
            SELECT {ParkedColumns} FROM parked_events WHERE projection = @projection AND (@stream_id::text IS NULL OR stream_id = @stream_id)
            ORDER BY position_commit, position_prepare
            """);
        command.Parameters.AddWithValue("stream_id", (object?)streamId ?? DBNull.Value);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var parked = new List<ParkedEvent>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            parked.Add(new ParkedEvent(r.GetString(0), PostgresValues.U64(r.GetInt64(1)), PostgresValues.Position(r, 2), r.GetGuid(4), r.GetString(5),
                PostgresValues.Time(r, 6), r.GetBoolean(7), r.GetString(8), r.GetInt32(9), PostgresValues.Time(r, 10)));
        }

        return parked;
    }

    public async Task<int> CountParkedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, "SELECT COUNT(*)::int FROM parked_events WHERE projection = @projection");
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<GlobalPosition?> LastParkedBeforeAsync(NpgsqlConnection connection, GlobalPosition before, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, """
            SELECT position_commit, position_prepare FROM parked_events
            WHERE projection = @projection AND (position_commit, position_prepare) < (@before_c, @before_p)
            ORDER BY position_commit DESC, position_prepare DESC LIMIT 1
            """);
        PostgresValues.AddPosition(command, "before", before);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? PostgresValues.Position(r, 0) : null;
    }

    /// <summary>Sets the checkpoint; <paramref name="forwardOnly"/> keeps a late retry of an older batch from moving it back.</summary>
    public async Task SetCheckpointAsync(NpgsqlTransaction transaction, GlobalPosition? checkpoint, bool forwardOnly, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction.Connection!, transaction, checkpoint is null
            ? "DELETE FROM projection_checkpoints WHERE projection = @projection"
            : $"""
              INSERT INTO projection_checkpoints (projection, position_commit, position_prepare) VALUES (@projection, @cp_c, @cp_p)
              ON CONFLICT (projection) DO UPDATE SET position_commit = excluded.position_commit, position_prepare = excluded.position_prepare
              {(forwardOnly ? "WHERE (excluded.position_commit, excluded.position_prepare) > (projection_checkpoints.position_commit, projection_checkpoints.position_prepare)" : "")}
              """);
        if (checkpoint is { } cp)
        {
            PostgresValues.AddPosition(command, "cp", cp);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the parked events at or after <paramref name="from"/> (all when null).</summary>
    public async Task UnparkFromAsync(NpgsqlTransaction transaction, GlobalPosition? from, CancellationToken cancellationToken)
    {
        await using var command = Command(transaction.Connection!, transaction,
            "DELETE FROM parked_events WHERE projection = @projection AND (@all OR (position_commit, position_prepare) >= (@from_c, @from_p))");
        command.Parameters.AddWithValue("all", from is null);
        PostgresValues.AddPosition(command, "from", from ?? GlobalPosition.Start);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ParkAsync(NpgsqlTransaction transaction, IEnumerable<ParkedEvent> parked, bool replace, CancellationToken cancellationToken)
    {
        foreach (var e in parked)
        {
            await using var command = Command(transaction.Connection!, transaction, $"""
                INSERT INTO parked_events (projection, {ParkedColumns})
                VALUES (@projection, @stream_id, @revision, @c, @p, @event_id, @event_type, @created, @held, @error, @attempts, @parked_at)
                ON CONFLICT (projection, position_commit, position_prepare) DO {(replace
                    ? "UPDATE SET held = excluded.held, error = excluded.error, attempts = excluded.attempts, parked_at = excluded.parked_at"
                    : "NOTHING")}
                """);
            command.Parameters.AddWithValue("stream_id", e.StreamId);
            command.Parameters.AddWithValue("revision", PostgresValues.Db(e.StreamRevision));
            command.Parameters.AddWithValue("c", PostgresValues.Db(e.Position.Commit));
            command.Parameters.AddWithValue("p", PostgresValues.Db(e.Position.Prepare));
            command.Parameters.AddWithValue("event_id", e.EventId);
            command.Parameters.AddWithValue("event_type", e.EventType);
            command.Parameters.AddWithValue("created", e.Created.UtcDateTime);
            command.Parameters.AddWithValue("held", e.Held);
            command.Parameters.AddWithValue("error", e.Error);
            command.Parameters.AddWithValue("attempts", e.Attempts);
            command.Parameters.AddWithValue("parked_at", e.ParkedAt.UtcDateTime);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task UnparkAsync(NpgsqlTransaction transaction, IEnumerable<ParkedEvent> applied, CancellationToken cancellationToken)
    {
        foreach (var entry in applied)
        {
            await using var command = Command(transaction.Connection!, transaction,
                "DELETE FROM parked_events WHERE projection = @projection AND position_commit = @c AND position_prepare = @p");
            command.Parameters.AddWithValue("c", PostgresValues.Db(entry.Position.Commit));
            command.Parameters.AddWithValue("p", PostgresValues.Db(entry.Position.Prepare));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("projection", projection);
        return command;
    }
}
