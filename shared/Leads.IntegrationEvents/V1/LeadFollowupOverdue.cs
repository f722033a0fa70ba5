namespace Leads.IntegrationEvents.V1;

/// <summary>
/// The lead's follow-up, due on <paramref name="FollowupOn"/>, is <paramref name="OverdueAfterDays"/> days past due
/// and nobody touched it (the lead is still in Follow-up with that date). Published once per follow-up, after its
/// <see cref="LeadFollowupDue"/>; source and MessageId as there.
/// </summary>
public sealed record LeadFollowupOverdue(
    long LeadId,
    DateOnly FollowupOn,
    double OverdueAfterDays,
    Guid SourceEventId,
    ulong SourcePosition,
    DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
