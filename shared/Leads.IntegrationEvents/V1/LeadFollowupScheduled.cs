namespace Leads.IntegrationEvents.V1;

/// <summary>A follow-up with the lead is due on <paramref name="FollowupOn"/>.</summary>
public sealed record LeadFollowupScheduled(
    long LeadId,
    DateOnly FollowupOn,
    Guid SourceEventId,
    ulong SourcePosition,
    DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
