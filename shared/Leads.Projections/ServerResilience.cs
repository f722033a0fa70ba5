using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Leads.Projections;

/// <summary>
/// Retry with jittered exponential backoff and a circuit breaker around every call to a read-model server (MongoDB,
/// Elasticsearch). Only what the engine's adapter calls transient (no reachable server, a step-down, overload) is
/// retried or counted by the breaker; a bug-shaped error goes straight to the caller. While the circuit is open calls
/// fail at once with <see cref="BrokenCircuitException"/>: the projector marks itself faulted ("degraded", last error
/// names the store), its lag grows, and it resubscribes from its stored checkpoint once the store answers again.
/// </summary>
public static class ServerResilience
{
    /// <param name="server">The engine's name, as the log lines say it ("MongoDB", "Elasticsearch").</param>
    /// <param name="isTransient">The failures worth retrying and counting.</param>
    /// <param name="retries">Retries after the first attempt (at least one).</param>
    /// <param name="retryDelay">The first retry's delay, doubled (with jitter) each time.</param>
    /// <param name="breakDuration">How long an open circuit fails calls at once.</param>
    /// <param name="logger">Where retries and the circuit's changes are told.</param>
    public static ResiliencePipeline Build(string server, Func<Exception, bool> isTransient, int retries, TimeSpan retryDelay, TimeSpan breakDuration, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(isTransient);
        ArgumentNullException.ThrowIfNull(logger);
        var transient = new PredicateBuilder().Handle(isTransient);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = Math.Max(1, retries),
                Delay = retryDelay,
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "{Server} call failed (attempt {Attempt}); retrying in {Delay}", server, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = breakDuration,
                OnOpened = args =>
                {
                    logger.LogError(args.Outcome.Exception, "{Server} unavailable: circuit open for {BreakDuration}", server, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("{Server} answers again: circuit closed", server);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
