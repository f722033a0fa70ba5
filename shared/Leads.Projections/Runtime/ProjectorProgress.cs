using Leads.EventStore;
using Microsoft.Extensions.Logging;

namespace Leads.Projections.Runtime;

/// <summary>
/// What a projector has reached and what it is doing: its state, last error, committed checkpoint (with the callers
/// waiting for a position), the span of a rebuild after a reset, and whether ops paused it. Written by the run loop,
/// read by ops at any time.
/// </summary>
internal sealed class ProjectorProgress(string projection, ILogger logger)
{
    private volatile ProjectorState _state = ProjectorState.Stopped;
    private volatile string? _lastError;
    private volatile bool _paused;

    public PositionWaiters Committed { get; } = new();

    public ProjectorState State
    {
        get => _state;
        set => _state = value;
    }

    public string? LastError
    {
        get => _lastError;
        set => _lastError = value;
    }

    public bool Paused => _paused;

    public GlobalPosition? RebuildFrom { get; private set; }

    public GlobalPosition? RebuildTarget { get; private set; }

    public int SetPaused(bool paused)
    {
        _paused = paused;
        _state = paused ? ProjectorState.Paused : ProjectorState.Running;
        logger.LogInformation("Projection {Projection} {Action}", projection, paused ? "paused" : "resumed");
        return 0;
    }

    public void Faulted(Exception? error)
    {
        _state = ProjectorState.Faulted;
        _lastError = error?.Message;
    }

    /// <summary>A reset rewound the checkpoint to <paramref name="from"/>: rebuilding until <paramref name="target"/>.</summary>
    public void Rebuilding(GlobalPosition from, GlobalPosition? target)
    {
        RebuildFrom = from;
        RebuildTarget = target;
        _state = ProjectorState.Rebuilding;
    }

    /// <summary>A subscription started: running, unless a rebuild is still under way.</summary>
    public void Subscribed()
    {
        if (_state is not ProjectorState.Rebuilding)
        {
            _state = ProjectorState.Running;
        }
    }

    /// <summary>A batch was applied (or found nothing to write); <paramref name="caughtUp"/> when it reached the head.</summary>
    public void BatchDone(bool caughtUp)
    {
        if (_state is ProjectorState.Rebuilding)
        {
            // Rebuilt once the last event it must receive (the target: the last matching event at the reset) is
            // applied, or once caught up (the subscription began after the target was read, so it delivered it):
            // no checkpoint is needed, and none may ever come on EventStoreDB.
            if (caughtUp || RebuildTarget is not { } target || (Committed.Committed is { } c && c >= target))
            {
                _state = caughtUp ? ProjectorState.CaughtUp : ProjectorState.Running;
                logger.LogInformation("Projection {Projection} rebuilt up to {Checkpoint}", projection, Committed.Committed);
            }

            return;
        }

        if (caughtUp)
        {
            _state = ProjectorState.CaughtUp;
        }
        else if (_state is ProjectorState.Faulted)
        {
            _state = ProjectorState.Running;
        }
    }

    /// <summary>The status ops see, with the lag measured on the projection's own filter.</summary>
    public async Task<ProjectorStatus> ReadStatusAsync(
        IEventStore events, SubscriptionFilter filter, int parkedCount, TimeProvider clock, CancellationToken cancellationToken)
    {
        // State and checkpoint are read together, before the store is asked: a rebuild may finish meanwhile.
        var state = _state;
        var checkpoint = Committed.Committed;
        var lag = await ProjectionLag.ReadAsync(events, filter, checkpoint, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new ProjectorStatus(
            projection, state, checkpoint, lag.Head, lag.Events, lag.Seconds, _lastError, parkedCount,
            RebuildFrom, RebuildTarget, clock.GetUtcNow());
    }
}
