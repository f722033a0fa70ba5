using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// Where and when an event was recorded. Projections take times from here (the store's recorded time), never from a
/// clock, so that a replay rebuilds exactly the same documents.
/// </summary>
public sealed record EventContext(
    string StreamId,
    ulong StreamRevision,
    GlobalPosition Position,
    Guid EventId,
    string EventType,
    DateTimeOffset Created,
    EventMetadata Metadata)
{
    public static EventContext Of(RecordedEvent e) =>
        new(e.StreamId, e.StreamRevision, e.Position, e.EventId, e.EventType, e.Created, e.Metadata);
}
