namespace Leads.Analytics;

/// <summary>
/// The SQL both engines run alike (SQLite and PostgreSQL read the same text; parameters <c>@from</c> and <c>@to</c>).
/// </summary>
public static class AnalyticsSql
{
    /// <summary>The update half of the <c>leads</c> upsert: every column but the id from the new row.</summary>
    public const string LeadsUpdate = """
        ON CONFLICT (lead_id) DO UPDATE SET created_at = excluded.created_at, created_day = excluded.created_day,
            status = excluded.status, status_since = excluded.status_since, forgotten = excluded.forgotten,
            first_followup_at = excluded.first_followup_at, converted_at = excluded.converted_at,
            converted_day = excluded.converted_day, closed_at = excluded.closed_at, reopenings = excluded.reopenings,
            seconds_to_conversion = excluded.seconds_to_conversion, position_commit = excluded.position_commit,
            position_prepare = excluded.position_prepare, timeline = excluded.timeline
        """;

    public const string IntervalDurations = "SELECT status, duration_seconds FROM status_intervals WHERE end_day BETWEEN @from AND @to";

    public const string ConversionTimes =
        "SELECT seconds_to_conversion FROM leads WHERE converted_day BETWEEN @from AND @to AND seconds_to_conversion IS NOT NULL";

    public const string FollowupOutcomes = "SELECT due_date, outcome, COUNT(*) FROM followups WHERE due_date BETWEEN @from AND @to GROUP BY due_date, outcome";
}
