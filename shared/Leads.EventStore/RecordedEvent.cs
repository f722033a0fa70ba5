namespace Leads.EventStore;

/// <summary>An event as the store holds it, with its place in its stream and in the global order.</summary>
public sealed record RecordedEvent(
    string StreamId,
    ulong StreamRevision,
    GlobalPosition Position,
    Guid EventId,
    string EventType,
    DateTimeOffset Created,
    ReadOnlyMemory<byte> Data,
    EventMetadata Metadata)
{
    /// <summary>System events ($-prefixed types or streams) never reach projections.</summary>
    public bool IsSystemEvent => EventType.StartsWith('$') || StreamId.StartsWith('$');
}
