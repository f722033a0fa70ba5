using Leads.Domain;
using Npgsql;

namespace Leads.Analytics.PostgreSql;

/// <summary>The analytics questions' grouped reads in PostgreSQL.</summary>
internal sealed class PostgresAnalyticsTables(NpgsqlDataSource database) : IAnalyticsTables
{
    public Task<IReadOnlyList<StatusDayChanges>> CountStatusChangesAsync(DateOnly through, CancellationToken cancellationToken) =>
        ReadAsync("""
            SELECT status, day, SUM(entered)::bigint, SUM(ended)::bigint FROM (
                SELECT status, start_day AS day, COUNT(*) AS entered, 0 AS ended FROM status_intervals WHERE start_day <= @to GROUP BY status, start_day
                UNION ALL
                SELECT status, end_day, 0, COUNT(*) FROM status_intervals WHERE end_day <= @to GROUP BY status, end_day) changes
            GROUP BY status, day
            """, through, through,
            r => new StatusDayChanges(LeadTimelineRows.Status(r.GetString(0)), r.GetFieldValue<DateOnly>(1), r.GetInt64(2), r.GetInt64(3)), cancellationToken);

    public Task<IReadOnlyList<CohortDay>> CountCohortsAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync("""
            SELECT created_day, COUNT(*), COUNT(first_followup_at), COUNT(converted_at), COUNT(closed_at),
                   COUNT(*) FILTER (WHERE reopenings > 0), SUM(reopenings)::bigint, COUNT(*) FILTER (WHERE forgotten)
            FROM leads WHERE created_day BETWEEN @from AND @to GROUP BY created_day
            """, period.From, period.To,
            r => new CohortDay(r.GetFieldValue<DateOnly>(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)),
            cancellationToken);

    public Task<IReadOnlyList<(LeadStatus Status, double Seconds)>> ListIntervalDurationsAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync(AnalyticsSql.IntervalDurations, period.From, period.To,
            r => (LeadTimelineRows.Status(r.GetString(0)), r.GetDouble(1)), cancellationToken);

    public Task<IReadOnlyList<double>> ListConversionTimesAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync(AnalyticsSql.ConversionTimes, period.From, period.To, r => r.GetDouble(0), cancellationToken);

    public Task<IReadOnlyList<(DateOnly Due, FollowupOutcome Outcome, long Count)>> CountFollowupsAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync(AnalyticsSql.FollowupOutcomes, period.From, period.To, r => (r.GetFieldValue<DateOnly>(0), Enum.Parse<FollowupOutcome>(r.GetString(1)), r.GetInt64(2)), cancellationToken);

    public Task<IReadOnlyList<CallerDay>> ListActivityAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync("SELECT day, caller, commands FROM daily_activity WHERE day BETWEEN @from AND @to ORDER BY day, caller COLLATE \"C\"",
            period.From, period.To, r => new CallerDay(r.GetFieldValue<DateOnly>(0), r.GetString(1), (int)r.GetInt64(2)), cancellationToken);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, DateOnly from, DateOnly to, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(r));
        }

        return rows;
    }
}
