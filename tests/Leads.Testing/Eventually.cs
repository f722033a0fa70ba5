namespace Leads.Testing;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what, CancellationToken cancellationToken = default)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        var delay = TimeSpan.FromMilliseconds(5);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe().ConfigureAwait(false) is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
            }

            try
            {
                await Task.Delay(delay, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds:0.#} s", last);
            }

            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
        }
    }

    public static Task IsTrueAsync(Func<Task<bool>> condition, TimeSpan deadline, string what, CancellationToken cancellationToken = default) =>
        ReturnsAsync<object>(async () => await condition().ConfigureAwait(false) ? new object() : null, deadline, what, cancellationToken);
}
