namespace Leads.IntegrationEvents.V1;

/// <summary>The lead no longer has a follow-up date.</summary>
public sealed record LeadFollowupCleared(long LeadId, Guid SourceEventId, ulong SourcePosition, DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
