namespace Leads.Projections.Runtime;

/// <summary>
/// The run loop's one wake-up: a wait that completes at once while something is pending, and otherwise with the next
/// <see cref="Set"/>. The loop waits on it while paused, while a batch waits for events and while it backs off after a
/// failure, so that an operation posted meanwhile is performed without delay.
/// </summary>
internal sealed class WakeUp(Func<bool> pending)
{
    private TaskCompletionSource _signal = NewSignal();

    public void Set() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>A task that completes when <see cref="Set"/> is called (already completed while something is pending).</summary>
    public Task WaitAsync()
    {
        var signal = Volatile.Read(ref _signal);
        if (signal.Task.IsCompleted && !pending())
        {
            Interlocked.CompareExchange(ref _signal, NewSignal(), signal);
            signal = Volatile.Read(ref _signal);
            if (pending())
            {
                signal.TrySetResult();
            }
        }

        return signal.Task;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
