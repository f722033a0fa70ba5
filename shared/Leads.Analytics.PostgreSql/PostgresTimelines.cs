using Leads.EventStore;
using Leads.Projections;
using Npgsql;
using static Leads.Analytics.PostgreSql.PostgresValues;

namespace Leads.Analytics.PostgreSql;

/// <summary>
/// The timelines as rows of <c>leads</c>, <c>status_intervals</c>, <c>followups</c> and <c>lead_activity</c>. A lead's
/// rows are replaced only when the write's position is past the stored one (read first, in the same transaction), so a
/// replayed batch changes nothing.
/// </summary>
internal static class PostgresTimelines
{
    public static async Task<IReadOnlyDictionary<string, StoredDocument<LeadTimeline>>> LoadAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        var byId = streamIds.Distinct().ToDictionary(s => LeadTimeline.Empty(s).LeadId);
        var loaded = new Dictionary<string, StoredDocument<LeadTimeline>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT lead_id, timeline, position_commit, position_prepare FROM leads WHERE lead_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", byId.Keys.ToArray());
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var streamId = byId[r.GetInt64(0)];
            loaded[streamId] = new StoredDocument<LeadTimeline>(streamId, LeadTimelineRows.FromJson(r.GetString(1)), Position(r, 2));
        }

        return loaded;
    }

    /// <summary>Writes the timelines whose stored position is before the write's (all of them when <paramref name="guarded"/> is false).</summary>
    public static async Task WriteAsync(NpgsqlTransaction transaction, IReadOnlyList<(LeadTimeline Timeline, GlobalPosition Position)> writes, bool guarded, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
        {
            return;
        }

        var stored = guarded ? await StoredPositionsAsync(transaction, writes, cancellationToken).ConfigureAwait(false) : [];
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        foreach (var (timeline, position) in writes)
        {
            if (stored.TryGetValue(timeline.LeadId, out var at) && at >= position)
            {
                continue;
            }

            AddRows(batch, timeline, position);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<IReadOnlyList<string>> ListChangedSinceAsync(NpgsqlConnection connection, GlobalPosition from, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT lead_id FROM leads WHERE (position_commit, position_prepare) >= (@from_c, @from_p) ORDER BY lead_id", connection);
        AddPosition(command, "from", from);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var streams = new List<string>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            streams.Add(Domain.LeadStream.Name(r.GetInt64(0)));
        }

        return streams;
    }

    public static async Task<GlobalPosition?> LastChangeBeforeAsync(NpgsqlConnection connection, GlobalPosition before, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT position_commit, position_prepare FROM leads WHERE (position_commit, position_prepare) < (@before_c, @before_p)
            ORDER BY position_commit DESC, position_prepare DESC LIMIT 1
            """, connection);
        AddPosition(command, "before", before);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? Position(r, 0) : null;
    }

    /// <summary>Deletes every lead (<paramref name="from"/> null) or the leads last changed at or after it, with their rows.</summary>
    public static async Task DeleteFromAsync(NpgsqlTransaction transaction, GlobalPosition? from, CancellationToken cancellationToken)
    {
        const string Changed = "SELECT lead_id FROM leads WHERE @all OR (position_commit, position_prepare) >= (@from_c, @from_p)";
        await using var command = new NpgsqlCommand($"""
            DELETE FROM status_intervals WHERE lead_id IN ({Changed});
            DELETE FROM followups WHERE lead_id IN ({Changed});
            DELETE FROM lead_activity WHERE lead_id IN ({Changed});
            DELETE FROM leads WHERE lead_id IN ({Changed});
            """, transaction.Connection, transaction);
        command.Parameters.AddWithValue("all", from is null);
        AddPosition(command, "from", from ?? GlobalPosition.Start);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<long, GlobalPosition>> StoredPositionsAsync(
        NpgsqlTransaction transaction, IReadOnlyList<(LeadTimeline Timeline, GlobalPosition Position)> writes, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<long, GlobalPosition>();
        await using var command = new NpgsqlCommand(
            "SELECT lead_id, position_commit, position_prepare FROM leads WHERE lead_id = ANY(@ids) FOR UPDATE", transaction.Connection, transaction);
        command.Parameters.AddWithValue("ids", writes.Select(w => w.Timeline.LeadId).Distinct().ToArray());
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored[r.GetInt64(0)] = Position(r, 1);
        }

        return stored;
    }

    private static void AddRows(NpgsqlBatch batch, LeadTimeline timeline, GlobalPosition position)
    {
        var row = LeadTimelineRows.Lead(timeline);
        Add(batch, $"""
            INSERT INTO leads (lead_id, created_at, created_day, status, status_since, forgotten, first_followup_at, converted_at,
                converted_day, closed_at, reopenings, seconds_to_conversion, position_commit, position_prepare, timeline)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            {AnalyticsSql.LeadsUpdate}
            """, row.LeadId, Utc(row.CreatedAt), Value(row.CreatedDay), (object?)row.Status ?? DBNull.Value, Utc(row.StatusSince), row.Forgotten,
            Utc(row.FirstFollowupAt), Utc(row.ConvertedAt), Value(row.ConvertedDay), Utc(row.ClosedAt), row.Reopenings,
            Value(row.SecondsToConversion), Db(position.Commit), Db(position.Prepare), LeadTimelineRows.ToJson(timeline));
        Add(batch, "DELETE FROM status_intervals WHERE lead_id = $1", row.LeadId);
        Add(batch, "DELETE FROM followups WHERE lead_id = $1", row.LeadId);
        Add(batch, "DELETE FROM lead_activity WHERE lead_id = $1", row.LeadId);
        for (var i = 0; i < timeline.Intervals.Count; i++)
        {
            var x = timeline.Intervals[i];
            Add(batch, """
                INSERT INTO status_intervals (lead_id, seq, status, start_at, end_at, start_day, end_day, duration_seconds)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, row.LeadId, i, x.Status.ToString(), Utc(x.Start), Utc(x.End), Value(LeadTimelineRows.Day(x.Start)),
                Value(LeadTimelineRows.Day(x.End)), Value(x.Duration?.TotalSeconds));
        }

        for (var i = 0; i < timeline.Followups.Count; i++)
        {
            var f = timeline.Followups[i];
            Add(batch, """
                INSERT INTO followups (lead_id, seq, scheduled_at, due_date, ended_at, ended_by, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, row.LeadId, i, Utc(f.ScheduledAt), f.Due, Utc(f.EndedAt), (object?)f.EndedBy?.ToString() ?? DBNull.Value, f.Outcome.ToString());
        }

        foreach (var a in timeline.Activity)
        {
            Add(batch, "INSERT INTO lead_activity (lead_id, day, caller, commands) VALUES ($1, $2, $3, $4)", row.LeadId, a.Day, a.Caller, a.Commands);
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}
