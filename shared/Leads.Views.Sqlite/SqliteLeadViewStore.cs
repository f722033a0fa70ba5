using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Microsoft.Data.Sqlite;
using static Leads.Views.Sqlite.ViewRows;

namespace Leads.Views.Sqlite;

/// <summary>
/// Lead views and status logs in an embedded SQLite file (WAL), with the view projector's checkpoint and parked events
/// beside them: each batch's rows and its checkpoint are one transaction. View rows are upserted only when the event's
/// position is past the stored one, status entries are keyed by position, so a replayed event changes nothing.
/// </summary>
public sealed class SqliteLeadViewStore : ILeadViewStore, IProjectionStore<LeadReadModel>
{
    private readonly ViewDatabase _database;
    private readonly string _projection;

    public SqliteLeadViewStore(string path, string projection = LeadReadModelProjection.Name)
    {
        _database = new ViewDatabase(path);
        _projection = projection;
    }

    /// <summary>The full path of the views file.</summary>
    public string Path => _database.Path;

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position_commit, position_prepare FROM projection_checkpoints WHERE projection = $projection";
        command.Parameters.AddWithValue("$projection", _projection);
        using var r = command.ExecuteReader();
        return Task.FromResult<GlobalPosition?>(r.Read() ? Position(r, 0) : null);
    }

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ParkedColumns} FROM parked_events
            WHERE projection = $projection AND ($stream_id IS NULL OR stream_id = $stream_id)
            ORDER BY position_commit, position_prepare
            """;
        command.Parameters.AddWithValue("$projection", _projection);
        command.Parameters.AddWithValue("$stream_id", (object?)streamId ?? DBNull.Value);
        using var r = command.ExecuteReader();
        var parked = new List<ParkedEvent>();
        while (r.Read())
        {
            parked.Add(ReadParked(r));
        }

        return Task.FromResult<IReadOnlyList<ParkedEvent>>(parked);
    }

    public Task<int> CountParkedAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM parked_events WHERE projection = $projection";
        command.Parameters.AddWithValue("$projection", _projection);
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<LeadView?> GetLeadAsync(long leadId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ViewColumns} FROM lead_views WHERE lead_id = $lead_id";
        command.Parameters.AddWithValue("$lead_id", leadId);
        using var r = command.ExecuteReader();
        return Task.FromResult(r.Read() ? ReadView(r) : null);
    }

    public Task<LeadPage> ListByStatusAsync(LeadStatus? status, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        LeadPageToken.ValidatePageSize(pageSize);
        var after = LeadPageToken.Decode(pageToken, status);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ViewColumns} FROM lead_views
            WHERE {(status is null ? "1 = 1" : "status = $status")} AND lead_id > $after
            ORDER BY lead_id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$status", status is { } s ? (int)s : DBNull.Value);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        using var r = command.ExecuteReader();
        var leads = new List<LeadView>(pageSize + 1);
        while (r.Read())
        {
            leads.Add(ReadView(r));
        }

        string? next = null;
        if (leads.Count > pageSize)
        {
            leads.RemoveAt(pageSize);
            next = LeadPageToken.Encode(status, leads[^1].LeadId);
        }

        return Task.FromResult(new LeadPage(leads, next));
    }

    public Task<IReadOnlyList<StatusLogEntry>> GetStatusHistoryAsync(long leadId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        var history = ReadStatusLogs(connection, [leadId]);
        return Task.FromResult<IReadOnlyList<StatusLogEntry>>(history.TryGetValue(leadId, out var entries) ? entries : []);
    }

    public Task<IReadOnlyDictionary<string, StoredDocument<LeadReadModel>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var ids = streamIds.Select(LeadEventDecoder.LeadIdOf).Where(id => id > 0).Distinct().ToList();
        var loaded = new Dictionary<string, StoredDocument<LeadReadModel>>(StringComparer.Ordinal);
        using var connection = _database.Open();
        foreach (var chunk in ids.Chunk(500))
        {
            var logs = ReadStatusLogs(connection, chunk);
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {ViewColumns} FROM lead_views WHERE lead_id IN ({InList(command, chunk)})";
            using var r = command.ExecuteReader();
            while (r.Read())
            {
                var view = ReadView(r);
                var streamId = r.GetString(1);
                var log = new StatusLog(view.LeadId, logs.TryGetValue(view.LeadId, out var entries) ? entries : []);
                loaded[streamId] = new StoredDocument<LeadReadModel>(streamId, new LeadReadModel(view, log), view.Position);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoredDocument<LeadReadModel>>>(loaded);
    }

    public Task CommitAsync(ProjectionCommit<LeadReadModel> commit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        WriteDocuments(connection, transaction, commit.Documents);
        foreach (var parked in commit.Parked)
        {
            InsertParked(connection, transaction, _projection, parked, replace: false);
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO projection_checkpoints (projection, position_commit, position_prepare) VALUES ($projection, $cp_c, $cp_p)
                ON CONFLICT (projection) DO UPDATE SET position_commit = excluded.position_commit, position_prepare = excluded.position_prepare
                WHERE (excluded.position_commit, excluded.position_prepare) > (projection_checkpoints.position_commit, projection_checkpoints.position_prepare)
                """;
            command.Parameters.AddWithValue("$projection", _projection);
            AddPosition(command, "$cp", commit.Checkpoint);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream_id FROM lead_views WHERE (position_commit, position_prepare) >= ($from_c, $from_p) ORDER BY lead_id";
        AddPosition(command, "$from", from);
        using var r = command.ExecuteReader();
        var streams = new List<string>();
        while (r.Read())
        {
            streams.Add(r.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(streams);
    }

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT position_commit, position_prepare FROM (
                SELECT position_commit, position_prepare FROM lead_views
                WHERE (position_commit, position_prepare) < ($before_c, $before_p)
                UNION ALL
                SELECT position_commit, position_prepare FROM parked_events
                WHERE projection = $projection AND (position_commit, position_prepare) < ($before_c, $before_p))
            ORDER BY position_commit DESC, position_prepare DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$projection", _projection);
        AddPosition(command, "$before", before);
        using var r = command.ExecuteReader();
        return Task.FromResult<GlobalPosition?>(r.Read() ? Position(r, 0) : null);
    }

    public Task RewindAsync(ProjectionRewind<LeadReadModel> rewind, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (rewind.From is not { } from)
        {
            ViewDatabase.Execute(connection, "DELETE FROM lead_views; DELETE FROM status_log;", transaction);
            Run(connection, transaction, "DELETE FROM parked_events WHERE projection = $projection", null);
        }
        else
        {
            using var upsert = ViewRows.ViewUpsert(connection, transaction, guardedByPosition: false);
            using var status = ViewRows.StatusInsert(connection, transaction);
            foreach (var doc in rewind.Documents)
            {
                var leadId = LeadEventDecoder.LeadIdOf(doc.StreamId);
                if (doc.Document is null)
                {
                    Run(connection, transaction, "DELETE FROM lead_views WHERE lead_id = $lead_id; DELETE FROM status_log WHERE lead_id = $lead_id", leadId);
                    continue;
                }

                BindView(upsert, doc.StreamId, doc.Document.View);
                upsert.ExecuteNonQuery();
                foreach (var entry in doc.Document.StatusLog.Entries)
                {
                    BindStatus(status, leadId, entry);
                    status.ExecuteNonQuery();
                }
            }

            using var trim = connection.CreateCommand();
            trim.Transaction = transaction;
            trim.CommandText = """
                DELETE FROM status_log WHERE (position_commit, position_prepare) >= ($from_c, $from_p);
                DELETE FROM lead_views WHERE (position_commit, position_prepare) >= ($from_c, $from_p);
                DELETE FROM parked_events WHERE projection = $projection AND (position_commit, position_prepare) >= ($from_c, $from_p);
                """;
            trim.Parameters.AddWithValue("$projection", _projection);
            AddPosition(trim, "$from", from);
            trim.ExecuteNonQuery();
        }

        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.Transaction = transaction;
            if (rewind.Checkpoint is { } cp)
            {
                checkpoint.CommandText = """
                    INSERT INTO projection_checkpoints (projection, position_commit, position_prepare) VALUES ($projection, $cp_c, $cp_p)
                    ON CONFLICT (projection) DO UPDATE SET position_commit = excluded.position_commit, position_prepare = excluded.position_prepare
                    """;
                AddPosition(checkpoint, "$cp", cp);
            }
            else
            {
                checkpoint.CommandText = "DELETE FROM projection_checkpoints WHERE projection = $projection";
            }

            checkpoint.Parameters.AddWithValue("$projection", _projection);
            checkpoint.ExecuteNonQuery();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task CompleteParkedReplayAsync(ParkedReplay<LeadReadModel> replay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (replay.Document is { } document)
        {
            WriteDocuments(connection, transaction, [document]);
        }

        using (var remove = connection.CreateCommand())
        {
            remove.Transaction = transaction;
            remove.CommandText = "DELETE FROM parked_events WHERE projection = $projection AND position_commit = $c AND position_prepare = $p";
            remove.Parameters.AddWithValue("$projection", _projection);
            var c = remove.Parameters.Add(new SqliteParameter { ParameterName = "$c" });
            var p = remove.Parameters.Add(new SqliteParameter { ParameterName = "$p" });
            foreach (var applied in replay.Applied)
            {
                c.Value = Db(applied.Position.Commit);
                p.Value = Db(applied.Position.Prepare);
                remove.ExecuteNonQuery();
            }
        }

        if (replay.StillFailing is { } failing)
        {
            InsertParked(connection, transaction, _projection, failing, replace: true);
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    private static void WriteDocuments(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DocumentWrite<LeadReadModel>> documents)
    {
        if (documents.Count == 0)
        {
            return;
        }

        using var upsert = ViewUpsert(connection, transaction, guardedByPosition: true);
        using var status = StatusInsert(connection, transaction);
        foreach (var write in documents)
        {
            var model = write.Document;
            BindView(upsert, write.StreamId, model.View);
            upsert.ExecuteNonQuery();
            foreach (var entry in model.StatusLog.Entries)
            {
                if (write.PreviousPosition is { } previous && entry.Position <= previous)
                {
                    continue;
                }

                BindStatus(status, model.View.LeadId, entry);
                status.ExecuteNonQuery();
            }
        }
    }

    private void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, long? leadId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$projection", _projection);
        command.Parameters.AddWithValue("$lead_id", (object?)leadId ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    private static Dictionary<long, List<StatusLogEntry>> ReadStatusLogs(SqliteConnection connection, IReadOnlyList<long> leadIds)
    {
        var logs = new Dictionary<long, List<StatusLogEntry>>();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT lead_id, position_commit, position_prepare, status, changed_at FROM status_log
            WHERE lead_id IN ({InList(command, leadIds)}) ORDER BY lead_id, position_commit, position_prepare
            """;
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var leadId = r.GetInt64(0);
            if (!logs.TryGetValue(leadId, out var entries))
            {
                logs[leadId] = entries = [];
            }

            entries.Add(ReadStatus(r, 1));
        }

        return logs;
    }

    private static string InList(SqliteCommand command, IReadOnlyList<long> ids)
    {
        var names = new string[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            names[i] = "$id" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], ids[i]);
        }

        return names.Length == 0 ? "NULL" : string.Join(',', names);
    }
}
