namespace Leads.EventStore;

/// <summary>
/// Who, why and under which trace an event was written. Stored beside the event (EventStoreDB: custom_metadata as
/// JSON). The recorded time is set by the store, except for an event copied from another store (<c>leads store copy</c>):
/// its original time travels in <see cref="RecordedAt"/>, and every adapter reads that as the event's
/// <see cref="RecordedEvent.Created"/>.
/// </summary>
public sealed record EventMetadata
{
    public static EventMetadata Empty { get; } = new();

    public string? CorrelationId { get; init; }
    public string? CausationId { get; init; }

    /// <summary>The caller's identity when known (a user or service name).</summary>
    public string? UserId { get; init; }

    /// <summary>W3C trace context of the write, so a projection can continue the trace.</summary>
    public string? TraceParent { get; init; }
    public string? TraceState { get; init; }

    /// <summary>The idempotency key of the command that produced the event, if any.</summary>
    public string? CommandId { get; init; }

    /// <summary>A fingerprint of that command, to tell a retry from a different command reusing the key.</summary>
    public string? CommandFingerprint { get; init; }

    /// <summary>
    /// When the event was first recorded, for an event copied from another store (null otherwise): the target store
    /// stamps its own time on the copy, and readers (time travel, status and audit logs, resets by time) must see the
    /// original.
    /// </summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>
    /// When the change happened in the business, for history entered after the fact (a backfill, <c>leads seed</c>'s
    /// two years): null for an ordinary command, which happened when it was recorded. Only the command service writes
    /// it, for an admin caller (the <c>x-leads-occurred-at</c> header); analytics dates the event by it, while time
    /// travel, logs and resets by time keep the recorded time (which only grows with the log).
    /// </summary>
    public DateTimeOffset? OccurredAt { get; init; }
}
