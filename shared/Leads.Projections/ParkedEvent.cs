using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// An event a projection could not apply (<paramref name="Held"/> false: it failed) or held back because an earlier
/// event of the same stream is parked (<paramref name="Held"/> true). Kept in the projection's own store.
/// </summary>
public sealed record ParkedEvent(
    string StreamId,
    ulong StreamRevision,
    GlobalPosition Position,
    Guid EventId,
    string EventType,
    DateTimeOffset Created,
    bool Held,
    string Error,
    int Attempts,
    DateTimeOffset ParkedAt);
