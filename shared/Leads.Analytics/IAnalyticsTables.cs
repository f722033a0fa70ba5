using Leads.Domain;

namespace Leads.Analytics;

/// <summary>
/// What the analytics tables answer, per engine (SQLite, PostgreSQL): grouped rows, small enough to send; the
/// questions (<see cref="LeadAnalyticsQueries"/>) put them together the same way for every engine.
/// </summary>
public interface IAnalyticsTables
{
    /// <summary>Per status and day up to <paramref name="through"/>: how many intervals started and ended that day.</summary>
    Task<IReadOnlyList<StatusDayChanges>> CountStatusChangesAsync(DateOnly through, CancellationToken cancellationToken);

    /// <summary>Per creation day in the period: the leads created and how far they got.</summary>
    Task<IReadOnlyList<CohortDay>> CountCohortsAsync(AnalyticsPeriod period, CancellationToken cancellationToken);

    /// <summary>The durations in seconds of the status intervals that ended in the period, per status.</summary>
    Task<IReadOnlyList<(LeadStatus Status, double Seconds)>> ListIntervalDurationsAsync(AnalyticsPeriod period, CancellationToken cancellationToken);

    /// <summary>Seconds from creation to first conversion, of the leads first converted in the period.</summary>
    Task<IReadOnlyList<double>> ListConversionTimesAsync(AnalyticsPeriod period, CancellationToken cancellationToken);

    /// <summary>The follow-ups due in the period: due day and stored outcome, counted.</summary>
    Task<IReadOnlyList<(DateOnly Due, FollowupOutcome Outcome, long Count)>> CountFollowupsAsync(AnalyticsPeriod period, CancellationToken cancellationToken);

    /// <summary>Commands per day and caller in the period, by day then caller.</summary>
    Task<IReadOnlyList<CallerDay>> ListActivityAsync(AnalyticsPeriod period, CancellationToken cancellationToken);
}

/// <summary>Intervals of a status that started (<paramref name="Entered"/>) and ended (<paramref name="Left"/>) on a day.</summary>
public sealed record StatusDayChanges(LeadStatus Status, DateOnly Day, long Entered, long Left);

/// <summary>Leads created on a day, and of them how many ever reached Follow-up, Converted, Closed, were reopened (and how often).</summary>
public sealed record CohortDay(DateOnly Day, long Created, long ReachedFollowup, long Converted, long Closed, long Reopened, long Reopenings, long Forgotten);
