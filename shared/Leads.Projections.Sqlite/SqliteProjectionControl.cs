using Leads.EventStore;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.Projections.Sqlite;

/// <summary>
/// The control plane in an embedded SQLite file shared by every projector and the query service:
/// <c>projector_status</c> (one row per projection, written by its projector with a heartbeat) and
/// <c>projection_requests</c> (pause / resume / reset / replay-parked requests with an id, written by ops, polled and
/// acknowledged by the projector).
/// </summary>
public sealed class SqliteProjectionControl : IProjectionControl
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS projector_status (
            projection TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            checkpoint_commit INTEGER NULL,
            checkpoint_prepare INTEGER NULL,
            head_commit INTEGER NULL,
            head_prepare INTEGER NULL,
            lag_events INTEGER NOT NULL,
            lag_seconds REAL NOT NULL,
            last_error TEXT NULL,
            parked_count INTEGER NOT NULL,
            rebuild_from_commit INTEGER NULL,
            rebuild_from_prepare INTEGER NULL,
            rebuild_target_commit INTEGER NULL,
            rebuild_target_prepare INTEGER NULL,
            heartbeat INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS projection_requests (
            request_id TEXT PRIMARY KEY,
            projection TEXT NOT NULL,
            kind TEXT NOT NULL,
            argument TEXT NULL,
            requested_at INTEGER NOT NULL,
            acknowledged_at INTEGER NULL,
            succeeded INTEGER NULL,
            result TEXT NULL);
        CREATE INDEX IF NOT EXISTS projection_requests_pending ON projection_requests (projection, acknowledged_at, requested_at);
        """;

    private readonly SqliteFile _file;
    private readonly TimeProvider _clock;

    public SqliteProjectionControl(string path, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _file = new SqliteFile(path, Schema, SqliteDurability.Normal);
    }

    public string Path => _file.Path;

    public Task PublishStatusAsync(ProjectorStatus status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO projector_status VALUES (
                $projection, $state, $cp_c, $cp_p, $head_c, $head_p, $lag_events, $lag_seconds, $last_error, $parked,
                $rf_c, $rf_p, $rt_c, $rt_p, $heartbeat)
            """;
        command.Parameters.AddWithValue("$projection", status.Name);
        command.Parameters.AddWithValue("$state", status.State.ToString());
        AddPosition(command, "$cp", status.Checkpoint);
        AddPosition(command, "$head", status.Head);
        command.Parameters.AddWithValue("$lag_events", unchecked((long)status.LagEvents));
        command.Parameters.AddWithValue("$lag_seconds", status.LagSeconds);
        command.Parameters.AddWithValue("$last_error", (object?)status.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue("$parked", status.ParkedCount);
        AddPosition(command, "$rf", status.RebuildFrom);
        AddPosition(command, "$rt", status.RebuildTarget);
        command.Parameters.AddWithValue("$heartbeat", status.Heartbeat.UtcTicks);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ProjectorStatus>> ListStatusAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM projector_status ORDER BY projection";
        using var r = command.ExecuteReader();
        var list = new List<ProjectorStatus>();
        while (r.Read())
        {
            list.Add(new ProjectorStatus(
                r.GetString(0),
                Enum.Parse<ProjectorState>(r.GetString(1)),
                ReadPosition(r, 2),
                ReadPosition(r, 4),
                unchecked((ulong)r.GetInt64(6)),
                r.GetDouble(7),
                r.IsDBNull(8) ? null : r.GetString(8),
                r.GetInt32(9),
                ReadPosition(r, 10),
                ReadPosition(r, 12),
                new DateTimeOffset(r.GetInt64(14), TimeSpan.Zero)));
        }

        return Task.FromResult<IReadOnlyList<ProjectorStatus>>(list);
    }

    public Task<ControlRequest> RequestAsync(string projection, ControlAction action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new ControlRequest(Guid.NewGuid().ToString("N"), projection, action, _clock.GetUtcNow());
        var (kind, argument) = ControlActionText.Write(action);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO projection_requests (request_id, projection, kind, argument, requested_at)
            VALUES ($id, $projection, $kind, $argument, $at)
            """;
        command.Parameters.AddWithValue("$id", request.RequestId);
        command.Parameters.AddWithValue("$projection", projection);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$argument", (object?)argument ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", request.RequestedAt.UtcTicks);
        command.ExecuteNonQuery();
        return Task.FromResult(request);
    }

    public Task<IReadOnlyList<ControlRequest>> ReadPendingAsync(string projection, CancellationToken cancellationToken) =>
        Task.FromResult(Query(
            "WHERE projection = $projection AND acknowledged_at IS NULL ORDER BY requested_at, rowid",
            c => c.Parameters.AddWithValue("$projection", projection),
            cancellationToken));

    public Task<ControlRequest?> ReadRequestAsync(string requestId, CancellationToken cancellationToken) =>
        Task.FromResult(Query("WHERE request_id = $id", c => c.Parameters.AddWithValue("$id", requestId), cancellationToken).SingleOrDefault());

    public Task AcknowledgeAsync(string requestId, bool succeeded, string? result, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE projection_requests SET acknowledged_at = $at, succeeded = $ok, result = $result
            WHERE request_id = $id AND acknowledged_at IS NULL
            """;
        command.Parameters.AddWithValue("$id", requestId);
        command.Parameters.AddWithValue("$at", _clock.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$ok", succeeded ? 1 : 0);
        command.Parameters.AddWithValue("$result", (object?)result ?? DBNull.Value);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    private IReadOnlyList<ControlRequest> Query(string where, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, projection, kind, argument, requested_at, acknowledged_at, succeeded, result FROM projection_requests " + where;
        bind(command);
        using var r = command.ExecuteReader();
        var list = new List<ControlRequest>();
        while (r.Read())
        {
            list.Add(new ControlRequest(
                r.GetString(0),
                r.GetString(1),
                ControlActionText.Read(r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)),
                new DateTimeOffset(r.GetInt64(4), TimeSpan.Zero),
                r.IsDBNull(5) ? null : new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero),
                r.IsDBNull(6) ? null : r.GetInt64(6) != 0,
                r.IsDBNull(7) ? null : r.GetString(7)));
        }

        return list;
    }

    private SqliteConnection Open() => _file.Open();

    private static void Execute(SqliteConnection connection, string sql) => SqliteFile.Execute(connection, sql);

    private static void AddPosition(SqliteCommand command, string prefix, GlobalPosition? position)
    {
        command.Parameters.AddWithValue(prefix + "_c", position is { } p ? unchecked((long)p.Commit) : DBNull.Value);
        command.Parameters.AddWithValue(prefix + "_p", position is { } q ? unchecked((long)q.Prepare) : DBNull.Value);
    }

    private static GlobalPosition? ReadPosition(SqliteDataReader r, int commit) =>
        r.IsDBNull(commit) ? null : new GlobalPosition(unchecked((ulong)r.GetInt64(commit)), unchecked((ulong)r.GetInt64(commit + 1)));
}
