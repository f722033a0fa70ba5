using Leads.Domain;

namespace Leads.Analytics;

/// <summary>
/// The questions sales managers ask, over the analytics tables of any engine. All days are UTC calendar days; "as of
/// D" means at the end of day D. Bad periods and buckets throw <see cref="AnalyticsArgumentException"/>.
/// </summary>
public sealed class LeadAnalyticsQueries(IAnalyticsTables tables, TimeProvider time)
{
    private static readonly LeadStatus[] Statuses = Enum.GetValues<LeadStatus>();

    /// <summary>The leads in each status at the end of each bucket (cut to the period) of the period.</summary>
    public async Task<IReadOnlyList<PipelinePoint>> GetPipelineAsync(AnalyticsPeriod period, AnalyticsBucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var buckets = period.Split(bucket);
        var changes = await tables.CountStatusChangesAsync(period.To, cancellationToken).ConfigureAwait(false);
        var deltas = changes.OrderBy(c => c.Day).ToList();
        var running = Statuses.ToDictionary(s => s, _ => 0L);
        var points = new List<PipelinePoint>(buckets.Count);
        var next = 0;
        foreach (var b in buckets)
        {
            for (; next < deltas.Count && deltas[next].Day <= b.To; next++)
            {
                running[deltas[next].Status] += deltas[next].Entered - deltas[next].Left;
            }

            points.Add(new PipelinePoint(b, b.To, new Dictionary<LeadStatus, long>(running)));
        }

        return points;
    }

    public async Task<PipelinePoint> GetPipelineAsOfAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        (await GetPipelineAsync(new AnalyticsPeriod(asOf, asOf), AnalyticsBucket.Day, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Cohorts of the leads created in each bucket of the period, and how far they got (to this day).</summary>
    public async Task<IReadOnlyList<FunnelCohort>> GetFunnelAsync(AnalyticsPeriod period, AnalyticsBucket bucket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var buckets = period.Split(bucket);
        var days = await tables.CountCohortsAsync(period, cancellationToken).ConfigureAwait(false);
        return [.. buckets.Select(b =>
        {
            var inside = days.Where(d => d.Day >= b.From && d.Day <= b.To).ToList();
            return new FunnelCohort(b, inside.Sum(d => d.Created), inside.Sum(d => d.ReachedFollowup), inside.Sum(d => d.Converted),
                inside.Sum(d => d.Closed), inside.Sum(d => d.Reopened), inside.Sum(d => d.Reopenings));
        })];
    }

    /// <summary>Median and 90th percentile per status (of the intervals that ended in the period) and creation to conversion.</summary>
    public async Task<TimeInStatus> GetTimeInStatusAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        var durations = await tables.ListIntervalDurationsAsync(period, cancellationToken).ConfigureAwait(false);
        var conversions = await tables.ListConversionTimesAsync(period, cancellationToken).ConfigureAwait(false);
        return new TimeInStatus(
            Statuses.ToDictionary(s => s, s => DurationSummary.Of(durations.Where(d => d.Status == s).Select(d => d.Seconds))),
            DurationSummary.Of(conversions));
    }

    /// <summary>The follow-ups due in the period and how they went; an open one whose date has passed (today, UTC) is overdue.</summary>
    public async Task<FollowupDiscipline> GetFollowupDisciplineAsync(AnalyticsPeriod period, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var rows = await tables.CountFollowupsAsync(period, cancellationToken).ConfigureAwait(false);
        long Count(Func<(DateOnly Due, FollowupOutcome Outcome, long Count), bool> which) => rows.Where(which).Sum(r => r.Count);
        return new FollowupDiscipline(
            Count(_ => true),
            Count(r => r.Outcome == FollowupOutcome.Resolved),
            Count(r => r.Outcome == FollowupOutcome.Rescheduled),
            Count(r => r.Outcome == FollowupOutcome.Overdue || (r.Outcome == FollowupOutcome.Open && r.Due < today)),
            Count(r => r.Outcome == FollowupOutcome.Open && r.Due >= today));
    }

    public Task<IReadOnlyList<CallerDay>> GetActivityAsync(AnalyticsPeriod period, CancellationToken cancellationToken) =>
        tables.ListActivityAsync(period, cancellationToken);
}
