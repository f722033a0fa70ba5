namespace Leads.IntegrationEvents.V1;

/// <summary>The lead's name changed to <paramref name="Name"/>.</summary>
public sealed record LeadRenamed(long LeadId, string Name, Guid SourceEventId, ulong SourcePosition, DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
