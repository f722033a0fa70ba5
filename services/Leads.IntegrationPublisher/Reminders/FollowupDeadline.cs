using Leads.EventStore;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// A lead's pending follow-up as the reminder projection keeps it: the FollowupSet event in force (its id, position,
/// recorded time and date), or none once the follow-up was cleared (a status change out of Follow-up, an erasure).
/// </summary>
public sealed record FollowupDeadline(long LeadId, PendingFollowup? Pending)
{
    public static FollowupDeadline None(long leadId) => new(leadId, null);
}

/// <summary>The FollowupSet event whose date the reminders are for.</summary>
public sealed record PendingFollowup(Guid EventId, GlobalPosition Position, DateTimeOffset RecordedAt, DateOnly FollowupOn);
