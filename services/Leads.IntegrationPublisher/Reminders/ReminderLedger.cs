using static Leads.Projections.Sqlite.SqliteColumns;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// The reminder side of <see cref="ReminderDatabase"/>: which reminders have come and were not yet confirmed sent
/// (by the index on the follow-up date), and recording one as sent once the broker confirmed it.
/// </summary>
public sealed class ReminderLedger(ReminderDatabase database)
{
    /// <summary>Reminders whose moment is at or before <paramref name="now"/> and not recorded as sent: Due before Overdue.</summary>
    public IReadOnlyList<DueReminder> ListDue(DateTimeOffset now, double overdueAfterDays)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var overdueOnOrBefore = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-overdueAfterDays));
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.lead_id, d.stream_id, d.followup_event_id, d.followup_commit, d.followup_prepare, d.followup_recorded_at, d.followup_on,
                EXISTS (SELECT 1 FROM followup_reminders_sent s WHERE s.followup_event_id = d.followup_event_id AND s.kind = 'LeadFollowupDue'),
                EXISTS (SELECT 1 FROM followup_reminders_sent s WHERE s.followup_event_id = d.followup_event_id AND s.kind = 'LeadFollowupOverdue')
            FROM followup_deadlines d
            WHERE d.followup_on IS NOT NULL AND d.followup_on <= $today
            ORDER BY d.followup_on, d.lead_id
            """;
        command.Parameters.AddWithValue("$today", SqliteFollowupDeadlines.IsoDate(today));
        using var r = command.ExecuteReader();
        var due = new List<DueReminder>();
        while (r.Read())
        {
            var followup = SqliteFollowupDeadlines.ReadPending(r, 2);
            var (leadId, streamId) = (r.GetInt64(0), r.GetString(1));
            if (!r.GetBoolean(7))
            {
                due.Add(new DueReminder(leadId, streamId, followup, ReminderKind.Due));
            }

            if (!r.GetBoolean(8) && followup.FollowupOn <= overdueOnOrBefore)
            {
                due.Add(new DueReminder(leadId, streamId, followup, ReminderKind.Overdue));
            }
        }

        return due;
    }

    /// <summary>Records a confirmed reminder; recording it again changes nothing.</summary>
    public void RecordSent(DueReminder reminder, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR IGNORE INTO followup_reminders_sent (message_id, lead_id, kind, followup_event_id, sent_at)
            VALUES ($message_id, $lead_id, $kind, $event_id, $sent_at)
            """;
        command.Parameters.AddWithValue("$message_id", reminder.MessageId.ToString("D"));
        command.Parameters.AddWithValue("$lead_id", reminder.LeadId);
        command.Parameters.AddWithValue("$kind", reminder.KindName);
        command.Parameters.AddWithValue("$event_id", reminder.Followup.EventId.ToString("D"));
        command.Parameters.AddWithValue("$sent_at", Ticks(at));
        command.ExecuteNonQuery();
    }
}
