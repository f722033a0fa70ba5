namespace Leads.Projections;

/// <summary>
/// The control plane shared by projectors and ops across processes: a status row per projection (written by its
/// projector, with a heartbeat) and control requests (written by ops, polled and acknowledged by the projector).
/// </summary>
public interface IProjectionControl
{
    /// <summary>Upserts the projection's status row.</summary>
    Task PublishStatusAsync(ProjectorStatus status, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProjectorStatus>> ListStatusAsync(CancellationToken cancellationToken);

    /// <summary>Queues a request for a projection's projector; returns it with its id.</summary>
    Task<ControlRequest> RequestAsync(string projection, ControlAction action, CancellationToken cancellationToken);

    /// <summary>The projection's unacknowledged requests, oldest first.</summary>
    Task<IReadOnlyList<ControlRequest>> ReadPendingAsync(string projection, CancellationToken cancellationToken);

    Task AcknowledgeAsync(string requestId, bool succeeded, string? result, CancellationToken cancellationToken);

    Task<ControlRequest?> ReadRequestAsync(string requestId, CancellationToken cancellationToken);
}
