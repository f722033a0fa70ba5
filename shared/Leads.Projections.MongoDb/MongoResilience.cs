using Leads.Projections;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;
using Polly;

namespace Leads.Projections.MongoDb;

/// <summary>
/// The shared retry and circuit breaker (<see cref="ServerResilience"/>) around every MongoDB call, with what counts as
/// transient here: no reachable server, a step-down, a network error, a timeout, or an error MongoDB labels retryable.
/// A duplicate key outside a guard or a bad command goes straight to the caller.
/// </summary>
public static class MongoResilience
{
    public static ResiliencePipeline Build(MongoProjectionOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ServerResilience.Build("MongoDB", IsTransient, options.Retries, options.RetryDelay, options.BreakDuration, logger);
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
