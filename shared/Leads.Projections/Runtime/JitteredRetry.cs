using Polly;
using Polly.Retry;

namespace Leads.Projections.Runtime;

/// <summary>The runtime's retries within one attempt: exponential backoff with jitter, cancellation never retried.</summary>
internal static class JitteredRetry
{
    public static ResiliencePipeline Build(int retries, TimeSpan delay, TimeProvider clock, Func<OnRetryArguments<object>, ValueTask>? onRetry = null) =>
        new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = Math.Max(1, retries),
                Delay = delay,
                OnRetry = onRetry,
            })
            .Build();
}
