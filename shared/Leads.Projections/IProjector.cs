using Leads.EventStore;

namespace Leads.Projections;

/// <summary>A running projection, as a host and ops drive it, whatever its document type.</summary>
public interface IProjector
{
    string Name { get; }

    /// <summary>The checkpoint committed in the store by this projector.</summary>
    GlobalPosition? Checkpoint { get; }

    /// <summary>Runs until cancelled; cancellation is a clean stop.</summary>
    Task RunAsync(CancellationToken cancellationToken);

    /// <summary>The current state, with the head read from the event store for lag.</summary>
    Task<ProjectorStatus> ReadStatusAsync(CancellationToken cancellationToken);

    Task PauseAsync(CancellationToken cancellationToken);

    Task ResumeAsync(CancellationToken cancellationToken);

    /// <summary>Clears the data the replayed range produced and its checkpoint, then replays it (returns once the reset is stored).</summary>
    Task ResetAsync(ResetFrom from, CancellationToken cancellationToken);

    /// <summary>Re-applies a stream's parked events in order; returns how many applied (all of them removes the stream's hold).</summary>
    Task<int> ReplayParkedAsync(string streamId, CancellationToken cancellationToken);

    /// <summary>Completes once the committed checkpoint is at or past <paramref name="position"/>.</summary>
    Task WaitForPositionAsync(GlobalPosition position, CancellationToken cancellationToken);
}
