using System.Globalization;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Microsoft.Data.Sqlite;
using static Leads.Projections.Sqlite.SqliteColumns;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// The reminder projection's documents: a <c>followup_deadlines</c> row per lead that ever had a follow-up, its pending
/// follow-up columns null once it was cleared. A write applies only past the stored position (a replay changes nothing).
/// </summary>
internal sealed class SqliteFollowupDeadlines : ISqliteProjectionDocuments<FollowupDeadline>
{
    private const string Columns =
        "lead_id, stream_id, followup_event_id, followup_commit, followup_prepare, followup_recorded_at, followup_on, position_commit, position_prepare";

    private static readonly string[] Parameters =
        ["$lead_id", "$stream_id", "$event_id", "$f_c", "$f_p", "$recorded_at", "$followup_on", "$position_c", "$position_p"];

    public bool KeepsDocuments => true;

    public IReadOnlyDictionary<string, StoredDocument<FollowupDeadline>> Load(SqliteConnection connection, IReadOnlyCollection<string> streamIds)
    {
        var loaded = new Dictionary<string, StoredDocument<FollowupDeadline>>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM followup_deadlines WHERE lead_id = $lead_id";
        var leadId = command.Parameters.Add(new SqliteParameter { ParameterName = "$lead_id" });
        foreach (var id in streamIds.Select(FollowupReminderProjection.LeadIdOf).Where(id => id > 0).Distinct())
        {
            leadId.Value = id;
            using var r = command.ExecuteReader();
            if (r.Read())
            {
                var stored = Read(r);
                loaded[stored.StreamId] = stored;
            }
        }

        return loaded;
    }

    public void Write(SqliteTransaction transaction, IReadOnlyList<DocumentWrite<FollowupDeadline>> documents)
    {
        using var upsert = Upsert(transaction, guardedByPosition: true);
        foreach (var write in documents)
        {
            Bind(upsert, write.StreamId, write.Document, write.Position);
            upsert.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<string> ListChangedSince(SqliteConnection connection, GlobalPosition from) =>
        SqliteDocumentPositions.ListChangedSince(connection, "followup_deadlines", from);

    public GlobalPosition? LastChangeBefore(SqliteConnection connection, GlobalPosition before) =>
        SqliteDocumentPositions.LastChangeBefore(connection, "followup_deadlines", before);

    public void Rewind(SqliteTransaction transaction, ProjectionRewind<FollowupDeadline> rewind)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        if (rewind.From is not { } from)
        {
            command.CommandText = "DELETE FROM followup_deadlines";
            command.ExecuteNonQuery();
            return;
        }

        using var upsert = Upsert(transaction, guardedByPosition: false);
        foreach (var doc in rewind.Documents)
        {
            if (doc is { Document: { } document, Position: { } position })
            {
                Bind(upsert, doc.StreamId, document, position);
                upsert.ExecuteNonQuery();
            }
        }

        command.CommandText = "DELETE FROM followup_deadlines WHERE (position_commit, position_prepare) >= ($from_c, $from_p)";
        AddPosition(command, "$from", from);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Upsert(SqliteTransaction transaction, bool guardedByPosition)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO followup_deadlines ({Columns}) VALUES ({string.Join(", ", Parameters)})
            ON CONFLICT (lead_id) DO UPDATE SET
                followup_event_id = excluded.followup_event_id, followup_commit = excluded.followup_commit,
                followup_prepare = excluded.followup_prepare, followup_recorded_at = excluded.followup_recorded_at,
                followup_on = excluded.followup_on, position_commit = excluded.position_commit, position_prepare = excluded.position_prepare
            {(guardedByPosition ? "WHERE (excluded.position_commit, excluded.position_prepare) > (followup_deadlines.position_commit, followup_deadlines.position_prepare)" : "")}
            """;
        foreach (var name in Parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private static void Bind(SqliteCommand command, string streamId, FollowupDeadline deadline, GlobalPosition position)
    {
        var p = command.Parameters;
        var pending = deadline.Pending;
        p["$lead_id"].Value = deadline.LeadId;
        p["$stream_id"].Value = streamId;
        p["$event_id"].Value = pending is null ? DBNull.Value : pending.EventId.ToString("D");
        p["$f_c"].Value = pending is null ? DBNull.Value : Db(pending.Position.Commit);
        p["$f_p"].Value = pending is null ? DBNull.Value : Db(pending.Position.Prepare);
        p["$recorded_at"].Value = pending is null ? DBNull.Value : Ticks(pending.RecordedAt);
        p["$followup_on"].Value = pending is null ? DBNull.Value : IsoDate(pending.FollowupOn);
        p["$position_c"].Value = Db(position.Commit);
        p["$position_p"].Value = Db(position.Prepare);
    }

    private static StoredDocument<FollowupDeadline> Read(SqliteDataReader r)
    {
        var pending = r.IsDBNull(2) ? null : ReadPending(r, 2);
        return new StoredDocument<FollowupDeadline>(r.GetString(1), new FollowupDeadline(r.GetInt64(0), pending), Position(r, 7));
    }

    /// <summary>The pending follow-up from its five columns: event id, position (two), recorded time, date.</summary>
    internal static PendingFollowup ReadPending(SqliteDataReader r, int offset) => new(
        Guid.Parse(r.GetString(offset)), Position(r, offset + 1), Time(r.GetInt64(offset + 3)),
        DateOnly.ParseExact(r.GetString(offset + 4), "yyyy-MM-dd", CultureInfo.InvariantCulture));

    internal static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
