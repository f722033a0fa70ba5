using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Microsoft.Data.Sqlite;
using static Leads.Projections.Sqlite.SqliteColumns;
using static Leads.Views.Sqlite.ViewRows;

namespace Leads.Views.Sqlite;

/// <summary>
/// The view projection's documents in the views file: a <c>lead_views</c> row per lead and its <c>status_log</c>
/// entries. A view row is upserted only when the write's position is past the stored one, status entries are keyed by
/// position, so a replayed write changes nothing.
/// </summary>
internal sealed class SqliteLeadViews : ISqliteProjectionDocuments<LeadReadModel>
{
    public bool KeepsDocuments => true;

    public IReadOnlyDictionary<string, StoredDocument<LeadReadModel>> Load(SqliteConnection connection, IReadOnlyCollection<string> streamIds)
    {
        var ids = streamIds.Select(LeadEventDecoder.LeadIdOf).Where(id => id > 0).Distinct().ToList();
        var loaded = new Dictionary<string, StoredDocument<LeadReadModel>>(StringComparer.Ordinal);
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

        return loaded;
    }

    public void Write(SqliteTransaction transaction, IReadOnlyList<DocumentWrite<LeadReadModel>> documents)
    {
        if (documents.Count == 0)
        {
            return;
        }

        var connection = transaction.Connection!;
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

    /// <summary>A lead that had a view before this batch is now forgotten: its personal data was just erased.</summary>
    public bool Erases(IReadOnlyList<DocumentWrite<LeadReadModel>> documents) =>
        documents.Any(d => d.PreviousPosition is not null && d.Document.View.Forgotten);

    public IReadOnlyList<string> ListChangedSince(SqliteConnection connection, GlobalPosition from) =>
        SqliteDocumentPositions.ListChangedSince(connection, "lead_views", from);

    public GlobalPosition? LastChangeBefore(SqliteConnection connection, GlobalPosition before) =>
        SqliteDocumentPositions.LastChangeBefore(connection, "lead_views", before);

    public void Rewind(SqliteTransaction transaction, ProjectionRewind<LeadReadModel> rewind)
    {
        var connection = transaction.Connection!;
        if (rewind.From is not { } from)
        {
            ViewDatabase.Execute(connection, "DELETE FROM lead_views; DELETE FROM status_log;", transaction);
            return;
        }

        using var upsert = ViewUpsert(connection, transaction, guardedByPosition: false);
        using var status = StatusInsert(connection, transaction);
        foreach (var doc in rewind.Documents)
        {
            var leadId = LeadEventDecoder.LeadIdOf(doc.StreamId);
            if (doc.Document is null)
            {
                using var delete = connection.CreateCommand();
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM lead_views WHERE lead_id = $lead_id; DELETE FROM status_log WHERE lead_id = $lead_id";
                delete.Parameters.AddWithValue("$lead_id", leadId);
                delete.ExecuteNonQuery();
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
            """;
        AddPosition(trim, "$from", from);
        trim.ExecuteNonQuery();
    }

    /// <summary>The status logs of these leads, each in position order.</summary>
    public static Dictionary<long, List<StatusLogEntry>> ReadStatusLogs(SqliteConnection connection, IReadOnlyList<long> leadIds)
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
