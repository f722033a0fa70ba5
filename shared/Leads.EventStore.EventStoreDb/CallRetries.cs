using Grpc.Core;
using Leads.EventStore.EventStoreDb.Protocol;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// Runs one call against the current node with retries: transient statuses (Unavailable, Aborted, Internal) with a
/// jittered exponential backoff, and a follower's "not leader" answer at once against the leader it names (with the
/// backoff when that leader has just failed: the cluster is still electing). An unavailable node is left for another
/// (chosen from gossip in a cluster). Failures leave as our typed exceptions.
/// </summary>
internal sealed class CallRetries(NodeConnections nodes, EventStoreDbClientOptions options, ILogger logger)
{
    private readonly ResiliencePipeline calls = Build(options.RetryAttempts, options, logger);
    private readonly ResiliencePipeline subscriptions = Build(options.SubscriptionRetryAttempts, options, logger);

    public ValueTask<T> ExecuteAsync<T>(Func<Streams.StreamsClient, Metadata, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        Execute(calls, call, cancellationToken);

    public ValueTask<T> ExecuteSubscriptionAsync<T>(Func<Streams.StreamsClient, Metadata, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        Execute(subscriptions, call, cancellationToken);

    /// <summary>Maps a failure seen outside the retried part (after a read has delivered events).</summary>
    public Exception Translate(RpcException error, CancellationToken cancellationToken)
    {
        if (error.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The call was cancelled.", error, cancellationToken);
        }

        var mapped = RpcErrors.ToException(error);
        if (mapped is NotLeaderException notLeader && !nodes.FollowLeader(notLeader.Leader))
        {
            return new EventStoreDbException(
                $"The node is not the leader and the leader it names ({notLeader.Leader.Host}:{notLeader.Leader.Port}) has just failed: the cluster is electing a new leader.",
                StatusCode.Unavailable,
                "leader-lost",
                notLeader);
        }

        return mapped;
    }

    private ValueTask<T> Execute<T>(ResiliencePipeline pipeline, Func<Streams.StreamsClient, Metadata, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(
            async token =>
            {
                var (node, client) = await nodes.CurrentAsync(token).ConfigureAwait(false);
                try
                {
                    return await call(client, nodes.Headers(), token).ConfigureAwait(false);
                }
                catch (RpcException error)
                {
                    if (error.StatusCode == StatusCode.Unavailable)
                    {
                        // No server status but a transport failure (refused, reset, timed out): the node is down.
                        nodes.MoveOnFrom(node, unreachable: error.Status.DebugException is not null);
                    }

                    throw Translate(error, token);
                }
            },
            cancellationToken);

    private static ResiliencePipeline Build(int attempts, EventStoreDbClientOptions options, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(attempts, 1),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is NotLeaderException or EventStoreDbException { IsTransient: true }),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Outcome.Exception is NotLeaderException ? TimeSpan.Zero : null),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        args.Outcome.Exception,
                        "EventStoreDB call failed ({Reason}); retry {Attempt} in {Delay}",
                        args.Outcome.Exception?.Message,
                        args.AttemptNumber + 1,
                        args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
