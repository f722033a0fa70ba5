using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Leads.Projections.Runtime;

/// <summary>
/// Runs the loop's attempts (perform operations, then follow the subscription) again and again until cancelled. A
/// failed attempt is retried by Polly with jittered exponential backoff from <see cref="ProjectorOptions.ResubscribeDelay"/>
/// up to <see cref="ProjectorOptions.MaxResubscribeDelay"/>, the projector shown Faulted meanwhile; an operation posted
/// during the backoff cuts it short. Cancellation is a clean stop.
/// </summary>
internal sealed class Resubscription
{
    private static readonly ResiliencePropertyKey<Action> CutShortOnWakeUp = new("leads.projections.cut-backoff-short");

    private readonly ResiliencePipeline _pipeline;

    public Resubscription(string projection, ProjectorOptions options, ProjectorProgress progress, ILogger logger, TimeProvider clock)
    {
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = int.MaxValue,
                Delay = options.ResubscribeDelay,
                MaxDelay = options.MaxResubscribeDelay,
                OnRetry = args =>
                {
                    progress.Faulted(args.Outcome.Exception);
                    logger.LogError(
                        args.Outcome.Exception,
                        "Projection {Projection} failed (attempt {Attempt}); resubscribing from its stored checkpoint in {Delay}",
                        projection, args.AttemptNumber + 1, args.RetryDelay);
                    if (args.Context.Properties.TryGetValue(CutShortOnWakeUp, out var arm))
                    {
                        arm();
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <param name="attempt">One attempt; it returns when it is done (an operation is waiting) and throws when it failed.</param>
    /// <param name="wakeUp">Completes when an operation is posted.</param>
    public async Task RunAsync(Func<CancellationToken, Task> attempt, Func<Task> wakeUp, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // The attempts run on the caller's token; only the backoff between them listens to this one.
            using var backoff = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var context = ResilienceContextPool.Shared.Get(backoff.Token);
            var armed = 0;
            context.Properties.Set(CutShortOnWakeUp, () =>
            {
                if (Interlocked.Exchange(ref armed, 1) == 0)
                {
                    _ = CancelOnWakeUpAsync(wakeUp(), backoff);
                }
            });
            try
            {
                await _pipeline.ExecuteAsync(
                    static (_, state) => new ValueTask(state.attempt(state.cancellationToken)),
                    context,
                    (attempt, cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception) when (backoff.IsCancellationRequested)
            {
                // An operation was posted during the backoff: the next attempt performs it at once.
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }
    }

    private static async Task CancelOnWakeUpAsync(Task wakeUp, CancellationTokenSource backoff)
    {
        await wakeUp.ConfigureAwait(false);
        try
        {
            await backoff.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // the attempts it belonged to are over
        }
    }
}
