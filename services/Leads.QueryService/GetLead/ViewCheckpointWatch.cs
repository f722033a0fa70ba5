using Leads.EventStore;
using Leads.Views;

namespace Leads.QueryService.GetLead;

/// <summary>
/// Waits until the view projector (another process) has committed a position, by polling the checkpoint it stores
/// with the views. Concurrent waiters share one read per poll interval, so a burst of read-your-writes calls costs the
/// store one small query every few milliseconds, not one per caller.
/// </summary>
internal sealed class ViewCheckpointWatch(ILeadViewStore views, TimeProvider clock)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly Lock _gate = new();
    private Task<GlobalPosition?>? _read;
    private long _readStartedAt;

    /// <summary>The committed checkpoint once it is at or past <paramref name="position"/>; cancellation ends the wait.</summary>
    public async Task<GlobalPosition?> WaitForAsync(ulong position, CancellationToken cancellationToken)
    {
        while (true)
        {
            var checkpoint = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (checkpoint is { } c && c.Value >= position)
            {
                return checkpoint;
            }

            await Task.Delay(PollInterval, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The latest committed checkpoint, read at most once per poll interval whoever asks.</summary>
    public Task<GlobalPosition?> ReadAsync(CancellationToken cancellationToken)
    {
        Task<GlobalPosition?> read;
        lock (_gate)
        {
            var fresh = _read is { IsCompleted: false } || (_read is { IsCompletedSuccessfully: true } && clock.GetElapsedTime(_readStartedAt) < PollInterval);
            if (!fresh)
            {
                _readStartedAt = clock.GetTimestamp();
                // Not tied to one caller's token: other waiters share this read.
                _read = views.ReadCheckpointAsync(CancellationToken.None);
            }

            read = _read!;
        }

        return read.WaitAsync(cancellationToken);
    }
}
