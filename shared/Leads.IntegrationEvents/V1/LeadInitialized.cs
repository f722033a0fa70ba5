namespace Leads.IntegrationEvents.V1;

/// <summary>A lead now exists.</summary>
public sealed record LeadInitialized(long LeadId, Guid SourceEventId, ulong SourcePosition, DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
