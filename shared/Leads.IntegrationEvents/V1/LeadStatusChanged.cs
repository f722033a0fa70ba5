namespace Leads.IntegrationEvents.V1;

/// <summary>The lead's status is now <paramref name="Status"/>, one of the names in <see cref="LeadStatuses"/>.</summary>
public sealed record LeadStatusChanged(long LeadId, string Status, Guid SourceEventId, ulong SourcePosition, DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
