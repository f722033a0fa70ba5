namespace Leads.IntegrationEvents.V1;

/// <summary>
/// What every integration event of the lead context carries: the lead, and where the fact came from (the source
/// event's id, its position in the global order of the lead context and the time it was recorded). A consumer orders
/// a lead's events by <see cref="SourcePosition"/> and deduplicates by the MessageId, which is derived from
/// <see cref="SourceEventId"/>: a replay or a retry republishes the same ids.
/// </summary>
public interface ILeadIntegrationEvent
{
    long LeadId { get; }

    Guid SourceEventId { get; }

    /// <summary>The source event's position in the lead context's global order (its commit position).</summary>
    ulong SourcePosition { get; }

    /// <summary>When the source event was recorded (the store's time, never the publisher's clock).</summary>
    DateTimeOffset RecordedAt { get; }
}
