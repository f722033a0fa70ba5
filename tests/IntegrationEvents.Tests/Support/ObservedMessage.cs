namespace IntegrationEvents.Tests.Support;

/// <summary>One delivery seen by the observer, in arrival order.</summary>
public sealed record ObservedMessage(
    Guid MessageId,
    string Type,
    long LeadId,
    Guid SourceEventId,
    ulong SourcePosition,
    DateTimeOffset RecordedAt,
    Guid? CorrelationId,
    string? CorrelationHeader,
    string? TraceParent,
    object Message);
