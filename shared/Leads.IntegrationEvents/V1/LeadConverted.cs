namespace Leads.IntegrationEvents.V1;

/// <summary>
/// The lead became a customer at <see cref="RecordedAt"/>. Published together with the <see cref="LeadStatusChanged"/>
/// of the same source event (each with its own MessageId), for contexts that care only about conversions.
/// </summary>
public sealed record LeadConverted(long LeadId, Guid SourceEventId, ulong SourcePosition, DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
