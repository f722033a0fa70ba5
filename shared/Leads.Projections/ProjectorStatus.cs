using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// A projector's state as ops see it (see <see cref="ProjectionLag"/>). <see cref="Head"/> is the last event the
/// projection would receive; <see cref="LagEvents"/> counts the matching events after the checkpoint, up to
/// <see cref="ProjectionLag.CountLimit"/>; <see cref="LagSeconds"/> is the age of the oldest event not applied yet
/// (0 when caught up).
/// <see cref="RebuildFrom"/>/<see cref="RebuildTarget"/> span the replay after a reset, for a progress bar.
/// </summary>
public sealed record ProjectorStatus(
    string Name,
    ProjectorState State,
    GlobalPosition? Checkpoint,
    GlobalPosition? Head,
    ulong LagEvents,
    double LagSeconds,
    string? LastError,
    int ParkedCount,
    GlobalPosition? RebuildFrom,
    GlobalPosition? RebuildTarget,
    DateTimeOffset Heartbeat)
{
    /// <summary>The count stopped at <see cref="ProjectionLag.CountLimit"/>: at least that many events behind.</summary>
    public bool LagEventsCapped => LagEvents >= ProjectionLag.CountLimit;
}
