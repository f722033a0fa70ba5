using Google.Protobuf.WellKnownTypes;
using Leads.Contracts.V1;
using Leads.EventStore;
using Leads.Projections;
using Leads.QueryService.Grpc;

namespace Leads.QueryService.ProjectionOps;

/// <summary>
/// A projection's state for ops: the projector's last published status row (state, last error, rebuild range), with
/// the checkpoint, head, lag and parked count read fresh from the stores, measured as the projector measures them
/// (<see cref="ProjectionLag"/>: head and count on the projection's own filter). A projector whose
/// heartbeat is older than <see cref="StaleAfter"/> is reported stopped: its process is not running.
/// </summary>
internal sealed class ProjectionStatusReader(IEventStore events, TimeProvider clock)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(10);

    public async Task<ProjectionInfo> ReadAsync(ProjectionEndpoint projection, CancellationToken cancellationToken)
    {
        var rows = await projection.Control.ListStatusAsync(cancellationToken).ConfigureAwait(false);
        var row = rows.FirstOrDefault(r => string.Equals(r.Name, projection.Name, StringComparison.Ordinal));
        var checkpoint = await projection.Checkpoints.ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var lag = await ProjectionLag.ReadAsync(events, projection.Filter, checkpoint, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var head = lag.Head;
        var parked = await projection.Parked.CountParkedAsync(cancellationToken).ConfigureAwait(false);

        var stale = row is null || clock.GetUtcNow() - row.Heartbeat > StaleAfter;
        var info = new ProjectionInfo
        {
            Name = projection.Name,
            LagEvents = lag.Events,
            LagEventsCapped = lag.EventsCapped,
            LagSeconds = lag.Seconds,
            State = stale ? ProjectionState.Stopped : ToProto(row!.State),
            LastError = row?.LastError ?? "",
            ParkedCount = parked,
            Heartbeat = (row?.Heartbeat ?? DateTimeOffset.UnixEpoch).ToTimestamp(),
        };
        if (checkpoint is { } c)
        {
            info.Checkpoint = c.Value;
        }

        if (head is { } h)
        {
            info.Head = h.Value;
        }

        if (!stale && row!.RebuildFrom is { } from)
        {
            info.RebuildFrom = from.Value;
        }

        if (!stale && row!.RebuildTarget is { } target)
        {
            info.RebuildTarget = target.Value;
        }

        return info;
    }

    private static ProjectionState ToProto(ProjectorState state) => state switch
    {
        ProjectorState.Stopped => ProjectionState.Stopped,
        ProjectorState.Running => ProjectionState.Running,
        ProjectorState.CaughtUp => ProjectionState.CaughtUp,
        ProjectorState.Paused => ProjectionState.Paused,
        ProjectorState.Rebuilding => ProjectionState.Rebuilding,
        ProjectorState.Faulted => ProjectionState.Faulted,
        _ => ProjectionState.Unspecified,
    };
}
