using Polly;

namespace Leads.Projections.MongoDb;

/// <summary>
/// Every call of one MongoDB store, through its retry and circuit breaker, after the store's one-time preparation (its
/// indexes). A preparation that failed (the server down at start-up) is tried again by the next call.
/// </summary>
public sealed class MongoCalls(ResiliencePipeline resilience, Func<Task> prepare)
{
    private Task? _prepared;

    public async Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await resilience.ExecuteAsync(async ct =>
        {
            await ReadyAsync(ct).ConfigureAwait(false);
            await call(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await resilience.ExecuteAsync(async ct =>
        {
            await ReadyAsync(ct).ConfigureAwait(false);
            return await call(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    private Task ReadyAsync(CancellationToken cancellationToken)
    {
        var prepared = Volatile.Read(ref _prepared);
        if (prepared is null || prepared.IsFaulted || prepared.IsCanceled)
        {
            prepared = prepare();
            Volatile.Write(ref _prepared, prepared);
        }

        return prepared.WaitAsync(cancellationToken);
    }
}
