using Leads.Domain;

namespace Leads.Analytics;

/// <summary>
/// What analytics keeps of one lead: when it was created, each status it went through with start and end, each
/// follow-up with how it ended, and the commands callers gave it per day. No personal data: ids, statuses, times and
/// callers' subjects only, so a forgotten lead stays counted as it is (only flagged).
/// </summary>
public sealed record LeadTimeline
{
    public long LeadId { get; init; }

    /// <summary>The recorded time of the lead's first event.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    public LeadStatus? Status { get; init; }

    public bool Forgotten { get; init; }

    /// <summary>Closed back to Available, how many times.</summary>
    public int Reopenings { get; init; }

    /// <summary>Every status in order; the last one is open (no end) while it lasts.</summary>
    public IReadOnlyList<StatusInterval> Intervals { get; init; } = [];

    public IReadOnlyList<ScheduledFollowup> Followups { get; init; } = [];

    /// <summary>Commands per day and caller on this lead.</summary>
    public IReadOnlyList<CallerDay> Activity { get; init; } = [];

    /// <summary>The command id of the last event: the events of one command count once.</summary>
    public string? LastCommandId { get; init; }

    public static LeadTimeline Empty(string streamId) => new() { LeadId = LeadStream.TryParseId(streamId, out var id) ? id : 0 };

    /// <summary>When the lead first entered a status (null if it never did).</summary>
    public DateTimeOffset? FirstEntered(LeadStatus status) => Intervals.FirstOrDefault(i => i.Status == status)?.Start;

    internal LeadTimeline Created(DateTimeOffset at) => CreatedAt is null ? this with { CreatedAt = at } : this;

    internal LeadTimeline ChangeStatus(LeadStatus to, DateTimeOffset at)
    {
        var created = Created(at);
        if (Status == to)
        {
            return created;
        }

        var intervals = Intervals.Count > 0 && Intervals[^1].End is null
            ? [.. Intervals.Take(Intervals.Count - 1), Intervals[^1] with { End = at }]
            : Intervals;
        var followups = Status == LeadStatus.FollowUp ? EndOpenFollowup(at, FollowupEnd.StatusChanged) : Followups;
        return created with
        {
            Status = to,
            Intervals = [.. intervals, new StatusInterval(to, at, null)],
            Followups = followups,
            Reopenings = Reopenings + (Status == LeadStatus.Closed && to == LeadStatus.Available ? 1 : 0),
        };
    }

    internal LeadTimeline ScheduleFollowup(DateOnly due, DateTimeOffset at) => Created(at) with
    {
        Followups = [.. EndOpenFollowup(at, FollowupEnd.Rescheduled), new ScheduledFollowup(at, due, null, null)],
    };

    internal LeadTimeline CountCommand(DateTimeOffset at, string? caller, string? commandId)
    {
        if (commandId is not null && commandId == LastCommandId)
        {
            return this;
        }

        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var who = caller ?? "";
        var index = Activity.Count - 1;
        while (index >= 0 && !(Activity[index].Day == day && Activity[index].Caller == who))
        {
            index--;
        }

        var activity = index < 0
            ? [.. Activity, new CallerDay(day, who, 1)]
            : Activity.Select((a, i) => i == index ? a with { Commands = a.Commands + 1 } : a).ToList();
        return this with { Activity = activity, LastCommandId = commandId };
    }

    private IReadOnlyList<ScheduledFollowup> EndOpenFollowup(DateTimeOffset at, FollowupEnd how) =>
        Followups.Count > 0 && Followups[^1].EndedAt is null
            ? [.. Followups.Take(Followups.Count - 1), Followups[^1] with { EndedAt = at, EndedBy = how }]
            : Followups;
}
