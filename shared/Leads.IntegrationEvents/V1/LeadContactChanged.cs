namespace Leads.IntegrationEvents.V1;

/// <summary>The lead's contact details are now <paramref name="Email"/> (lower-case) and <paramref name="Phone"/> (as entered).</summary>
public sealed record LeadContactChanged(
    long LeadId,
    string Email,
    string Phone,
    Guid SourceEventId,
    ulong SourcePosition,
    DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
