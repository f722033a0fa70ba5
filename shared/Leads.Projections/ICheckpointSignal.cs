namespace Leads.Projections;

/// <summary>
/// A checkpoint store that tells its readers when a commit may have moved the checkpoint, whichever process committed,
/// so that a reader waiting for a position looks at once instead of polling.
/// </summary>
public interface ICheckpointSignal
{
    /// <summary>
    /// Completes at the next commit after it was read; null when this store cannot tell here (its readers poll). Read it
    /// before reading the checkpoint, so a commit between the read and the wait is never missed.
    /// </summary>
    Task? NextCommit { get; }
}
