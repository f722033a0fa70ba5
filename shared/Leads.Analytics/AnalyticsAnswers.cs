using Leads.Domain;

namespace Leads.Analytics;

// The answers of LeadAnalyticsQueries: one vocabulary, kept together on purpose.

/// <summary>How many leads were in each status at the end of <paramref name="AsOf"/> (the last day of <paramref name="Bucket"/>).</summary>
public sealed record PipelinePoint(AnalyticsPeriod Bucket, DateOnly AsOf, IReadOnlyDictionary<LeadStatus, long> Leads);

/// <summary>Of the leads created in a bucket: how many, and how many ever reached each stage.</summary>
public sealed record FunnelCohort(AnalyticsPeriod Bucket, long Created, long ReachedFollowup, long Converted, long Closed, long Reopened, long Reopenings)
{
    /// <summary>Converted over created; 0 for an empty cohort.</summary>
    public double ConversionRate => Created == 0 ? 0 : (double)Converted / Created;
}

/// <summary>Durations in seconds: how many, median and 90th percentile (nearest rank), 0 when there are none.</summary>
public sealed record DurationSummary(long Count, double MedianSeconds, double P90Seconds)
{
    public static DurationSummary Of(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length == 0
            ? new DurationSummary(0, 0, 0)
            : new DurationSummary(sorted.Length, NearestRank(sorted, 0.5), NearestRank(sorted, 0.9));
    }

    /// <summary>The smallest value with at least <paramref name="q"/> of the values at or below it.</summary>
    public static double NearestRank(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var rank = (int)Math.Ceiling(q * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}

/// <summary>Time spent in each status (intervals that ended in the period) and from creation to conversion.</summary>
public sealed record TimeInStatus(IReadOnlyDictionary<LeadStatus, DurationSummary> ByStatus, DurationSummary CreationToConversion);

/// <summary>
/// The follow-ups due in a period: scheduled, resolved on or before their date, rescheduled on or before it, overdue
/// (the date passed while pending: ended late, or still open after it) and still open before their date.
/// </summary>
public sealed record FollowupDiscipline(long Scheduled, long ResolvedOnTime, long Rescheduled, long Overdue, long Open);
