namespace Leads.CommandService.Handling;

/// <summary>Who sent a command and which conversation it belongs to, as the transport told us.</summary>
public sealed record CallerContext(string? CorrelationId, string? Identity)
{
    public static CallerContext Unknown { get; } = new(null, null);
}
