using Leads.IntegrationEvents.V1;

namespace Leads.IntegrationPublisher.Translation;

/// <summary>
/// One message to publish: the contract record, its deterministic id, and what is carried over from the source event's
/// metadata (correlation id and W3C trace context).
/// </summary>
public sealed record IntegrationMessage(
    Guid MessageId,
    string Kind,
    ILeadIntegrationEvent Message,
    string? CorrelationId,
    string? TraceParent,
    string? TraceState)
{
    public long LeadId => Message.LeadId;
}
