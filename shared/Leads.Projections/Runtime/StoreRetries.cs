using Microsoft.Extensions.Logging;
using Polly;

namespace Leads.Projections.Runtime;

/// <summary>Store calls (load, commit, reset) retried with jittered exponential backoff within one attempt of the loop.</summary>
internal sealed class StoreRetries
{
    private readonly ResiliencePipeline _pipeline;

    public StoreRetries(string projection, ProjectorOptions options, ProjectorProgress progress, ILogger logger, TimeProvider clock)
    {
        _pipeline = JitteredRetry.Build(options.StoreRetries, options.StoreRetryDelay, clock, args =>
        {
            progress.LastError = args.Outcome.Exception?.Message;
            logger.LogWarning(args.Outcome.Exception, "Projection {Projection}: store call failed, retry {Attempt}", projection, args.AttemptNumber + 1);
            return ValueTask.CompletedTask;
        });
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(ct => new ValueTask<T>(call(ct)), cancellationToken).ConfigureAwait(false);

    public async Task RunAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(ct => new ValueTask(call(ct)), cancellationToken).ConfigureAwait(false);
}
