namespace Leads.Projections;

/// <summary>What a projector is doing.</summary>
public enum ProjectorState
{
    /// <summary>Not started yet, or stopped.</summary>
    Stopped,

    /// <summary>Catching up with the store.</summary>
    Running,

    /// <summary>Has seen every event up to the head and follows live.</summary>
    CaughtUp,

    Paused,

    /// <summary>Replaying after a reset, until it reaches the head it saw at the reset.</summary>
    Rebuilding,

    /// <summary>The last attempt failed (see the last error); it retries with backoff.</summary>
    Faulted,
}
