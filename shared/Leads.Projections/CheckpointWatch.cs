using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// Waits until a projection (often in another process) has committed a position. Where the store signals its commits
/// (<see cref="ICheckpointSignal"/>), a waiter reads the checkpoint again at each commit and polls only as a fallback
/// every <see cref="SignalledPollInterval"/>; elsewhere it polls every <see cref="PollInterval"/>. Concurrent waiters
/// share one read per commit (or per poll interval), so a burst of read-your-writes calls costs the store one small
/// query per change, not one per caller.
/// </summary>
public sealed class CheckpointWatch(ICheckpointReader checkpoints, TimeProvider clock)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly ICheckpointSignal? _signal = checkpoints as ICheckpointSignal;
    private readonly Lock _gate = new();
    private Task<GlobalPosition?>? _read;
    private Task? _commitAfterRead;
    private long _readStartedAt;

    /// <summary>How long a waiter waits for a commit signal before it reads anyway (a commit nobody announced).</summary>
    public TimeSpan SignalledPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The committed checkpoint once it is at or past <paramref name="position"/>; cancellation ends the wait.</summary>
    public async Task<GlobalPosition?> WaitForAsync(ulong position, CancellationToken cancellationToken)
    {
        while (true)
        {
            var commit = _signal?.NextCommit;
            var checkpoint = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (checkpoint is { } c && c.Value >= position)
            {
                return checkpoint;
            }

            if (commit is null)
            {
                await Task.Delay(PollInterval, clock, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await commit.WaitAsync(SignalledPollInterval, clock, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // No commit signalled for a while: read anyway, in case one went unannounced.
            }
        }
    }

    /// <summary>
    /// The latest committed checkpoint. Whoever asks shares one read: a read is reused until the next signalled commit
    /// or, without a signal, for one poll interval.
    /// </summary>
    public Task<GlobalPosition?> ReadAsync(CancellationToken cancellationToken)
    {
        Task<GlobalPosition?> read;
        lock (_gate)
        {
            if (!IsCurrent(_read))
            {
                _commitAfterRead = _signal?.NextCommit;
                _readStartedAt = clock.GetTimestamp();
                // Not tied to one caller's token: other waiters share this read.
                _read = checkpoints.ReadCheckpointAsync(CancellationToken.None);
            }

            read = _read!;
        }

        return read.WaitAsync(cancellationToken);
    }

    private bool IsCurrent(Task<GlobalPosition?>? read) => read switch
    {
        null => false,
        { IsFaulted: true } or { IsCanceled: true } => false,
        _ when _commitAfterRead is { } commit => !commit.IsCompleted,
        { IsCompleted: false } => true,
        _ => clock.GetElapsedTime(_readStartedAt) < PollInterval,
    };
}
