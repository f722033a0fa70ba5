using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Microsoft.Data.Sqlite;
using static Leads.Analytics.Sqlite.AnalyticsDatabase;
using static Leads.Projections.Sqlite.SqliteColumns;

namespace Leads.Analytics.Sqlite;

/// <summary>
/// The analytics timelines in <c>analytics.db</c>: a <c>leads</c> row per lead (with the timeline as JSON) and its
/// rows in <c>status_intervals</c>, <c>followups</c> and <c>lead_activity</c>. A lead's rows are replaced only when
/// the write's position is past the stored one, so a replayed batch changes nothing. A batch loads its leads in one
/// query, and a lead loaded by it has only its changed or new rows written (a timeline only grows: its last interval
/// or follow-up ends, a day's count goes up, rows are added); one not loaded has its rows replaced.
/// </summary>
internal sealed class SqliteAnalyticsDocuments : ISqliteProjectionDocuments<LeadTimeline>
{
    /// <summary>The timelines as the last load read them, until the write that follows it: what is already stored.</summary>
    private readonly Dictionary<long, LeadTimeline> _stored = [];

    private const string LeadColumns = """
        lead_id, created_at, created_day, status, status_since, forgotten, first_followup_at, converted_at, converted_day,
        closed_at, reopenings, seconds_to_conversion, position_commit, position_prepare, timeline
        """;

    public bool KeepsDocuments => true;

    public IReadOnlyDictionary<string, StoredDocument<LeadTimeline>> Load(SqliteConnection connection, IReadOnlyCollection<string> streamIds)
    {
        _stored.Clear();
        var streams = new Dictionary<long, string>();
        foreach (var streamId in streamIds)
        {
            streams[LeadTimeline.Empty(streamId).LeadId] = streamId;
        }

        var loaded = new Dictionary<string, StoredDocument<LeadTimeline>>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT lead_id, timeline, position_commit, position_prepare FROM leads WHERE lead_id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$ids", "[" + string.Join(',', streams.Keys) + "]");
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var timeline = LeadTimelineRows.FromJson(r.GetString(1));
            _stored[r.GetInt64(0)] = timeline;
            var streamId = streams[r.GetInt64(0)];
            loaded[streamId] = new StoredDocument<LeadTimeline>(streamId, timeline, Position(r, 2));
        }

        return loaded;
    }

    public void Write(SqliteTransaction transaction, IReadOnlyList<DocumentWrite<LeadTimeline>> documents)
    {
        using var rows = new TimelineWriter(transaction);
        foreach (var write in documents)
        {
            rows.Write(write.Document, write.Position, guarded: true, _stored.GetValueOrDefault(write.Document.LeadId));
        }

        _stored.Clear();
    }

    public IReadOnlyList<string> ListChangedSince(SqliteConnection connection, GlobalPosition from)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT lead_id FROM leads WHERE (position_commit, position_prepare) >= ($from_c, $from_p) ORDER BY lead_id";
        AddPosition(command, "$from", from);
        using var r = command.ExecuteReader();
        var streams = new List<string>();
        while (r.Read())
        {
            streams.Add(Domain.LeadStream.Name(r.GetInt64(0)));
        }

        return streams;
    }

    public GlobalPosition? LastChangeBefore(SqliteConnection connection, GlobalPosition before)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT position_commit, position_prepare FROM leads WHERE (position_commit, position_prepare) < ($before_c, $before_p)
            ORDER BY position_commit DESC, position_prepare DESC LIMIT 1
            """;
        AddPosition(command, "$before", before);
        using var r = command.ExecuteReader();
        return r.Read() ? Position(r, 0) : null;
    }

    public void Rewind(SqliteTransaction transaction, ProjectionRewind<LeadTimeline> rewind)
    {
        if (rewind.From is not { } from)
        {
            Execute(transaction, "DELETE FROM leads; DELETE FROM status_intervals; DELETE FROM followups; DELETE FROM lead_activity;", null);
            return;
        }

        using (var rows = new TimelineWriter(transaction))
        {
            foreach (var doc in rewind.Documents)
            {
                // A lead without events before the reset is stored at or after it: the trim below removes it.
                if (doc is { Document: { } timeline, Position: { } position })
                {
                    rows.Write(timeline, position, guarded: false, stored: null);
                }
            }
        }

        Execute(transaction, """
            DELETE FROM status_intervals WHERE lead_id IN (SELECT lead_id FROM leads WHERE (position_commit, position_prepare) >= ($from_c, $from_p));
            DELETE FROM followups WHERE lead_id IN (SELECT lead_id FROM leads WHERE (position_commit, position_prepare) >= ($from_c, $from_p));
            DELETE FROM lead_activity WHERE lead_id IN (SELECT lead_id FROM leads WHERE (position_commit, position_prepare) >= ($from_c, $from_p));
            DELETE FROM leads WHERE (position_commit, position_prepare) >= ($from_c, $from_p);
            """, from);
    }

    private static void Execute(SqliteTransaction transaction, string sql, GlobalPosition? from)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (from is { } f)
        {
            AddPosition(command, "$from", f);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Writes timelines as rows with commands prepared once per transaction.</summary>
    private sealed class TimelineWriter : IDisposable
    {
        private readonly SqliteCommand _lead;
        private readonly SqliteCommand _delete;
        private readonly SqliteCommand _interval;
        private readonly SqliteCommand _followup;
        private readonly SqliteCommand _activity;

        public TimelineWriter(SqliteTransaction transaction)
        {
            _lead = Command(transaction, $"""
                INSERT INTO leads ({LeadColumns}) VALUES ($lead_id, $created_at, $created_day, $status, $status_since, $forgotten,
                    $first_followup_at, $converted_at, $converted_day, $closed_at, $reopenings, $seconds_to_conversion, $pos_c, $pos_p, $timeline)
                {AnalyticsSql.LeadsUpdate}
                WHERE $unguarded OR (excluded.position_commit, excluded.position_prepare) > (leads.position_commit, leads.position_prepare)
                """);
            _delete = Command(transaction, """
                DELETE FROM status_intervals WHERE lead_id = $lead_id; DELETE FROM followups WHERE lead_id = $lead_id;
                DELETE FROM lead_activity WHERE lead_id = $lead_id;
                """);
            _interval = Command(transaction, """
                INSERT OR REPLACE INTO status_intervals (lead_id, seq, status, start_at, end_at, start_day, end_day, duration_seconds)
                VALUES ($lead_id, $seq, $status, $start_at, $end_at, $start_day, $end_day, $duration)
                """);
            _followup = Command(transaction, """
                INSERT OR REPLACE INTO followups (lead_id, seq, scheduled_at, due_date, ended_at, ended_by, outcome)
                VALUES ($lead_id, $seq, $scheduled_at, $due_date, $ended_at, $ended_by, $outcome)
                """);
            _activity = Command(transaction, "INSERT OR REPLACE INTO lead_activity (lead_id, day, caller, commands) VALUES ($lead_id, $day, $caller, $commands)");
        }

        /// <param name="stored">The timeline as stored (its rows are there): only rows that differ from it are written; null: all, after deleting the lead's rows.</param>
        public void Write(LeadTimeline timeline, GlobalPosition position, bool guarded, LeadTimeline? stored)
        {
            var row = LeadTimelineRows.Lead(timeline);
            Bind(_lead, ("$lead_id", row.LeadId), ("$created_at", Text(row.CreatedAt)), ("$created_day", Text(row.CreatedDay)),
                ("$status", (object?)row.Status ?? DBNull.Value), ("$status_since", Text(row.StatusSince)), ("$forgotten", row.Forgotten ? 1 : 0),
                ("$first_followup_at", Text(row.FirstFollowupAt)), ("$converted_at", Text(row.ConvertedAt)), ("$converted_day", Text(row.ConvertedDay)),
                ("$closed_at", Text(row.ClosedAt)), ("$reopenings", row.Reopenings), ("$seconds_to_conversion", Value(row.SecondsToConversion)),
                ("$pos_c", Db(position.Commit)), ("$pos_p", Db(position.Prepare)), ("$timeline", LeadTimelineRows.ToJson(timeline)),
                ("$unguarded", guarded ? 0 : 1));
            if (_lead.ExecuteNonQuery() == 0)
            {
                return;
            }

            if (stored is null || !GrewFrom(stored, timeline))
            {
                Delete(timeline.LeadId);
                stored = LeadTimeline.Empty("");
            }

            for (var i = 0; i < timeline.Intervals.Count; i++)
            {
                var x = timeline.Intervals[i];
                if (i < stored.Intervals.Count && stored.Intervals[i] == x)
                {
                    continue;
                }

                Bind(_interval, ("$lead_id", timeline.LeadId), ("$seq", i), ("$status", x.Status.ToString()), ("$start_at", Text(x.Start)),
                    ("$end_at", Text(x.End)), ("$start_day", Text(LeadTimelineRows.Day(x.Start))), ("$end_day", Text(LeadTimelineRows.Day(x.End))),
                    ("$duration", Value(x.Duration?.TotalSeconds)));
                _interval.ExecuteNonQuery();
            }

            for (var i = 0; i < timeline.Followups.Count; i++)
            {
                var f = timeline.Followups[i];
                if (i < stored.Followups.Count && stored.Followups[i] == f)
                {
                    continue;
                }

                Bind(_followup, ("$lead_id", timeline.LeadId), ("$seq", i), ("$scheduled_at", Text(f.ScheduledAt)), ("$due_date", Text(f.Due)),
                    ("$ended_at", Text(f.EndedAt)), ("$ended_by", (object?)f.EndedBy?.ToString() ?? DBNull.Value), ("$outcome", f.Outcome.ToString()));
                _followup.ExecuteNonQuery();
            }

            for (var i = 0; i < timeline.Activity.Count; i++)
            {
                var a = timeline.Activity[i];
                if (i < stored.Activity.Count && stored.Activity[i] == a)
                {
                    continue;
                }

                Bind(_activity, ("$lead_id", timeline.LeadId), ("$day", Text(a.Day)), ("$caller", a.Caller), ("$commands", a.Commands));
                _activity.ExecuteNonQuery();
            }
        }

        /// <summary>True when <paramref name="after"/> keeps every row of <paramref name="before"/> in place (changed or not) and adds to them.</summary>
        private static bool GrewFrom(LeadTimeline before, LeadTimeline after) =>
            after.Intervals.Count >= before.Intervals.Count && after.Followups.Count >= before.Followups.Count && after.Activity.Count >= before.Activity.Count
            && before.Activity.Select((a, i) => (a.Day, a.Caller) == (after.Activity[i].Day, after.Activity[i].Caller)).All(same => same);

        private void Delete(long leadId)
        {
            Bind(_delete, ("$lead_id", leadId));
            _delete.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _lead.Dispose();
            _delete.Dispose();
            _interval.Dispose();
            _followup.Dispose();
            _activity.Dispose();
        }

        private static SqliteCommand Command(SqliteTransaction transaction, string sql)
        {
            var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }

        private static void Bind(SqliteCommand command, params (string Name, object Value)[] values)
        {
            foreach (var (name, value) in values)
            {
                if (command.Parameters.Contains(name))
                {
                    command.Parameters[name].Value = value;
                }
                else
                {
                    command.Parameters.AddWithValue(name, value);
                }
            }
        }
    }
}
