using Leads.EventStore;

namespace Leads.Testing;

/// <summary>One row of the earlier publisher's <c>parked</c> table.</summary>
public sealed record EarlierParkedRow(
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
