namespace Leads.EventStore.Sqlite;

/// <summary>
/// Wakes live subscriptions of this process when the writer commits. Take <see cref="Next"/> before looking for new
/// events, so a commit between the look and the wait is never missed.
/// </summary>
internal sealed class StoreChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next commit after this property was read.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
