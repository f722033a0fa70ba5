using Leads.Domain;
using Microsoft.Data.Sqlite;
using static Leads.Analytics.Sqlite.AnalyticsDatabase;

namespace Leads.Analytics.Sqlite;

/// <summary>The analytics questions' grouped reads on <c>analytics.db</c>.</summary>
internal sealed class SqliteAnalyticsTables(AnalyticsDatabase database) : IAnalyticsTables
{
    public Task<IReadOnlyList<StatusDayChanges>> CountStatusChangesAsync(DateOnly through, CancellationToken cancellationToken) =>
        ReadAsync("""
            SELECT status, day, SUM(entered), SUM(left) FROM (
                SELECT status, start_day AS day, COUNT(*) AS entered, 0 AS left FROM status_intervals WHERE start_day <= @to GROUP BY status, start_day
                UNION ALL
                SELECT status, end_day, 0, COUNT(*) FROM status_intervals WHERE end_day <= @to GROUP BY status, end_day)
            GROUP BY status, day
            """, null, through,
            r => new StatusDayChanges(LeadTimelineRows.Status(r.GetString(0)), Day(r.GetString(1)), r.GetInt64(2), r.GetInt64(3)), cancellationToken);

    public Task<IReadOnlyList<CohortDay>> CountCohortsAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync("""
            SELECT created_day, COUNT(*), COUNT(first_followup_at), COUNT(converted_at), COUNT(closed_at),
                   SUM(reopenings > 0), SUM(reopenings), SUM(forgotten)
            FROM leads WHERE created_day BETWEEN @from AND @to GROUP BY created_day
            """, period.From, period.To,
            r => new CohortDay(Day(r.GetString(0)), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)),
            cancellationToken);

    public Task<IReadOnlyList<(LeadStatus Status, double Seconds)>> ListIntervalDurationsAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync(AnalyticsSql.IntervalDurations, period.From, period.To,
            r => (LeadTimelineRows.Status(r.GetString(0)), r.GetDouble(1)), cancellationToken);

    public Task<IReadOnlyList<double>> ListConversionTimesAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync(AnalyticsSql.ConversionTimes, period.From, period.To, r => r.GetDouble(0), cancellationToken);

    public Task<IReadOnlyList<(DateOnly Due, FollowupOutcome Outcome, long Count)>> CountFollowupsAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync(AnalyticsSql.FollowupOutcomes, period.From, period.To, r => (Day(r.GetString(0)), Enum.Parse<FollowupOutcome>(r.GetString(1)), r.GetInt64(2)), cancellationToken);

    public Task<IReadOnlyList<CallerDay>> ListActivityAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        ReadAsync("SELECT day, caller, commands FROM daily_activity WHERE day BETWEEN @from AND @to ORDER BY day, caller",
            period.From, period.To, r => new CallerDay(Day(r.GetString(0)), r.GetString(1), r.GetInt32(2)), cancellationToken);

    private Task<IReadOnlyList<T>> ReadAsync<T>(string sql, DateOnly? from, DateOnly to, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@from", Text(from));
        command.Parameters.AddWithValue("@to", Text(to));
        using var r = command.ExecuteReader();
        var rows = new List<T>();
        while (r.Read())
        {
            rows.Add(read(r));
        }

        return Task.FromResult<IReadOnlyList<T>>(rows);
    }
}
