using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Leads.Views.MongoDb;

/// <summary>
/// Retry with jittered exponential backoff and a circuit breaker around every MongoDB call. Only transient failures
/// (no reachable server, a step-down, a network error, a timeout) are retried or counted by the breaker; a bug-shaped
/// error (bad command, duplicate key outside a guard) goes straight to the caller. While the circuit is open calls fail
/// at once with <see cref="BrokenCircuitException"/>: the projector marks itself faulted ("degraded", last error names
/// the store), its lag grows, and it resubscribes from its stored checkpoint once the store answers again.
/// </summary>
public static class MongoResilience
{
    public static ResiliencePipeline Build(MongoViewStoreOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transient = new PredicateBuilder().Handle<Exception>(IsTransient);
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = Math.Max(1, options.Retries),
                Delay = options.RetryDelay,
                OnRetry = args =>
                {
                    logger.LogWarning(args.Outcome.Exception, "MongoDB call failed (attempt {Attempt}); retrying in {Delay}", args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
                OnOpened = args =>
                {
                    logger.LogError(args.Outcome.Exception, "MongoDB unavailable: circuit open for {BreakDuration}", args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("MongoDB answers again: circuit closed");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public static bool IsTransient(Exception exception) => exception switch
    {
        OperationCanceledException => false,
        MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException or MongoExecutionTimeoutException => true,
        MongoException mongo when mongo.HasErrorLabel("RetryableWriteError") || mongo.HasErrorLabel("TransientTransactionError") => true,
        TimeoutException => true,
        _ => false,
    };
}
