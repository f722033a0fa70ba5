namespace Leads.Projections;

/// <summary>
/// A request in the control plane: written by ops (any process), performed and acknowledged by the projector that owns
/// <paramref name="Projection"/>. <paramref name="AcknowledgedAt"/> is null while pending; then
/// <paramref name="Succeeded"/> and <paramref name="Result"/> (a count or the error) say how it went.
/// </summary>
public sealed record ControlRequest(
    string RequestId,
    string Projection,
    ControlAction Action,
    DateTimeOffset RequestedAt,
    DateTimeOffset? AcknowledgedAt = null,
    bool? Succeeded = null,
    string? Result = null);
