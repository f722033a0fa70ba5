using Leads.EventStore;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>A lead event the publisher could not translate and skipped (logged and counted when its batch commits).</summary>
public sealed record SkippedEvent(string StreamId, ulong StreamRevision, GlobalPosition Position, Guid EventId, string EventType, string Reason);
