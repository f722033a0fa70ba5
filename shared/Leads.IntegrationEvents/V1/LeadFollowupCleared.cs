namespace Leads.IntegrationEvents.V1;

/// <summary>
/// The lead no longer has a follow-up date: its status left Follow-up while one was set. The source is that status
/// change, which is also published as LeadStatusChanged.
/// </summary>
public sealed record LeadFollowupCleared(long LeadId, Guid SourceEventId, ulong SourcePosition, DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
