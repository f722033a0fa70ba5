namespace Leads.CommandService.Handling;

/// <summary>
/// Who sent a command and which conversation it belongs to, as the transport told us; <paramref name="OccurredAt"/> is a
/// backfill's business time (an admin's <c>x-leads-occurred-at</c>), null for a change happening now.
/// </summary>
public sealed record CallerContext(string? CorrelationId, string? Identity, DateTimeOffset? OccurredAt = null)
{
    public static CallerContext Unknown { get; } = new(null, null);
}
