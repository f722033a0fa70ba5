using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// A projector's state as ops see it. <see cref="LagEvents"/> is the distance in global positions (exact on the
/// embedded store, whose positions are event sequence numbers). <see cref="LagSeconds"/> is how long ago the last
/// applied event was recorded while the projector is behind the head (0 when at the head).
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
    DateTimeOffset Heartbeat);
