namespace Leads.Projections.Leasing;

/// <summary>
/// The lease that makes one projector process the active one for a projection while others stand by: kept in the
/// store the projectors already share (the control plane beside the checkpoints), taken when free or expired,
/// renewed by its holder, taken over by a standby once the holder stops renewing it.
/// </summary>
public interface IProjectorLease
{
    /// <summary>
    /// Takes the projection's lease for <paramref name="owner"/> until now + <paramref name="duration"/>, or renews it
    /// when <paramref name="owner"/> already holds it. False when another owner holds a lease that has not expired.
    /// </summary>
    Task<bool> TryAcquireAsync(string projection, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up at once (a clean shutdown), if <paramref name="owner"/> holds it.</summary>
    Task ReleaseAsync(string projection, string owner, CancellationToken cancellationToken);

    /// <summary>Who holds the projection's lease and until when (null when nobody ever took it or it was released).</summary>
    Task<ProjectorLeaseHolder?> ReadAsync(string projection, CancellationToken cancellationToken);
}
