using System.Globalization;
using Leads.Domain;
using Leads.EventStore;
using Microsoft.Data.Sqlite;
using static Leads.Projections.Sqlite.SqliteColumns;

namespace Leads.Views.Sqlite;

/// <summary>Column mapping of the views file. Positions are two integers, times UTC ticks, dates ISO text.</summary>
internal static class ViewRows
{
    public const string ViewColumns =
        "lead_id, stream_id, name, email, phone, phone_digits, status, followup_on, revision, position_commit, position_prepare, created_at, updated_at";

    public static string FollowupDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static LeadView ReadView(SqliteDataReader r) => new()
    {
        LeadId = r.GetInt64(0),
        Exists = true,
        Name = r.GetString(2),
        Email = r.GetString(3),
        Phone = r.GetString(4),
        PhoneDigits = r.GetString(5),
        Status = r.IsDBNull(6) ? null : (LeadStatus)r.GetInt32(6),
        FollowupOn = r.IsDBNull(7) ? null : DateOnly.ParseExact(r.GetString(7), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Revision = U64(r.GetInt64(8)),
        Position = Position(r, 9),
        CreatedAt = Time(r.GetInt64(11)),
        UpdatedAt = Time(r.GetInt64(12)),
    };

    public static void BindView(SqliteCommand command, string streamId, LeadView view)
    {
        var p = command.Parameters;
        p["$lead_id"].Value = view.LeadId;
        p["$stream_id"].Value = streamId;
        p["$name"].Value = view.Name;
        p["$email"].Value = view.Email;
        p["$phone"].Value = view.Phone;
        p["$phone_digits"].Value = view.PhoneDigits;
        p["$status"].Value = view.Status is { } s ? (int)s : DBNull.Value;
        p["$followup_on"].Value = view.FollowupOn is { } d ? FollowupDate(d) : DBNull.Value;
        p["$revision"].Value = Db(view.Revision);
        p["$position_c"].Value = Db(view.Position.Commit);
        p["$position_p"].Value = Db(view.Position.Prepare);
        p["$created_at"].Value = Ticks(view.CreatedAt);
        p["$updated_at"].Value = Ticks(view.UpdatedAt);
    }

    public static SqliteCommand ViewUpsert(SqliteConnection connection, SqliteTransaction transaction, bool guardedByPosition)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO lead_views ({ViewColumns})
            VALUES ($lead_id, $stream_id, $name, $email, $phone, $phone_digits, $status, $followup_on, $revision, $position_c, $position_p, $created_at, $updated_at)
            ON CONFLICT (lead_id) DO UPDATE SET
                stream_id = excluded.stream_id, name = excluded.name, email = excluded.email, phone = excluded.phone,
                phone_digits = excluded.phone_digits, status = excluded.status, followup_on = excluded.followup_on,
                revision = excluded.revision, position_commit = excluded.position_commit,
                position_prepare = excluded.position_prepare, created_at = excluded.created_at, updated_at = excluded.updated_at
            {(guardedByPosition ? "WHERE (excluded.position_commit, excluded.position_prepare) > (lead_views.position_commit, lead_views.position_prepare)" : "")}
            """;
        foreach (var name in new[] { "$lead_id", "$stream_id", "$name", "$email", "$phone", "$phone_digits", "$status", "$followup_on", "$revision", "$position_c", "$position_p", "$created_at", "$updated_at" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    public static SqliteCommand StatusInsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT OR IGNORE INTO status_log (lead_id, position_commit, position_prepare, status, changed_at)
            VALUES ($lead_id, $c, $p, $status, $changed_at)
            """;
        foreach (var name in new[] { "$lead_id", "$c", "$p", "$status", "$changed_at" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    public static void BindStatus(SqliteCommand command, long leadId, StatusLogEntry entry)
    {
        var p = command.Parameters;
        p["$lead_id"].Value = leadId;
        p["$c"].Value = Db(entry.Position.Commit);
        p["$p"].Value = Db(entry.Position.Prepare);
        p["$status"].Value = (int)entry.Status;
        p["$changed_at"].Value = Ticks(entry.ChangedAt);
    }

    public static StatusLogEntry ReadStatus(SqliteDataReader r, int offset) =>
        new((LeadStatus)r.GetInt32(offset + 2), Time(r.GetInt64(offset + 3)), Position(r, offset));
}
