namespace Leads.Analytics;

/// <summary>
/// A follow-up set at <paramref name="ScheduledAt"/> for <paramref name="Due"/>. It ends when the lead leaves Follow-up
/// (<see cref="FollowupEnd.StatusChanged"/>) or another date is set (<see cref="FollowupEnd.Rescheduled"/>); until then
/// both are null.
/// </summary>
public sealed record ScheduledFollowup(DateTimeOffset ScheduledAt, DateOnly Due, DateTimeOffset? EndedAt, FollowupEnd? EndedBy)
{
    /// <summary>The first moment after the due date (its end of day, UTC; a follow-up on 9999-12-31 never passes).</summary>
    public DateTimeOffset DueEnd => AnalyticsPeriod.EndOf(Due);

    /// <summary>How it ended, judged on its own: on time, late, or still open (then the caller judges by today).</summary>
    public FollowupOutcome Outcome => EndedAt switch
    {
        null => FollowupOutcome.Open,
        { } at when at >= DueEnd => FollowupOutcome.Overdue,
        _ when EndedBy == FollowupEnd.Rescheduled => FollowupOutcome.Rescheduled,
        _ => FollowupOutcome.Resolved,
    };
}

/// <summary>What ended a follow-up.</summary>
public enum FollowupEnd
{
    StatusChanged = 1,
    Rescheduled = 2,
}

/// <summary>
/// A follow-up's outcome as stored: resolved (the lead left Follow-up) on or before its date, rescheduled on or
/// before its date, overdue (its date passed while it was still pending), or open (still pending).
/// </summary>
public enum FollowupOutcome
{
    Resolved = 1,
    Rescheduled = 2,
    Overdue = 3,
    Open = 4,
}
