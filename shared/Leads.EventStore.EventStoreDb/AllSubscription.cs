using System.Runtime.CompilerServices;
using Grpc.Core;
using Leads.EventStore.EventStoreDb.Protocol;
using Microsoft.Extensions.Logging;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// One catch-up subscription to $all: opens the call (retrying until the server confirms it), maps what comes
/// (events, checkpoints, the one "caught up" signal) and, after a transient drop or a leader change, subscribes again
/// strictly after the last event or checkpoint it saw, so nothing is skipped and nothing delivered twice.
/// </summary>
internal sealed class AllSubscription(CallRetries retries, EventStoreDbClientOptions options, ILogger logger)
{
    public async IAsyncEnumerable<SubscriptionMessage> RunAsync(
        SubscriptionStart start,
        SubscriptionFilter filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = start;

        // The furthest position known to be passed: the exclusive start, then every event and checkpoint beyond it.
        GlobalPosition? seen = start.Kind == SubscriptionStartKind.After ? start.Position : null;
        var caughtUpSignalled = false;
        var dropsWithoutProgress = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            var opened = await OpenAsync(from, filter, cancellationToken).ConfigureAwait(false);
            if (opened is not var (call, first))
            {
                yield break;
            }

            var stop = false;
            using (call)
            {
                var pending = first;
                while (pending is not null)
                {
                    switch (pending.ContentCase)
                    {
                        case ReadResp.ContentOneofCase.Confirmation:
                            logger.LogDebug("Subscription {SubscriptionId} to $all confirmed from {Start}", pending.Confirmation.SubscriptionId, from);
                            break;

                        case ReadResp.ContentOneofCase.Event:
                            var recorded = ProtocolResponses.RecordedEvent(pending.Event);
                            dropsWithoutProgress = 0;
                            if (seen is { } before && recorded.Position <= before)
                            {
                                break;
                            }

                            seen = recorded.Position;
                            if (filter.Matches(recorded))
                            {
                                yield return new SubscriptionMessage.Event(recorded);
                            }

                            break;

                        case ReadResp.ContentOneofCase.Checkpoint:
                            if (ProtocolResponses.Position(pending.Checkpoint) is not { } checkpoint)
                            {
                                // 2^64 - 1: the server's "no position" (nothing matched yet): never a checkpoint.
                                break;
                            }

                            if (checkpoint == GlobalPosition.Start || (seen is { } passed && checkpoint <= passed))
                            {
                                // A 24.10 node first sends the start position itself (0/0 from the start) and may send
                                // a checkpoint behind events it delivered or filtered out: it says nothing new.
                                break;
                            }

                            dropsWithoutProgress = 0;
                            seen = checkpoint;
                            yield return new SubscriptionMessage.Checkpoint(checkpoint);
                            break;

                        case ReadResp.ContentOneofCase.CaughtUp:
                            var caughtUpAt = ProtocolResponses.Position(pending.CaughtUp);
                            if (caughtUpAt is { } at && (seen is null || at > seen.Value))
                            {
                                seen = at;
                            }

                            if (!caughtUpSignalled)
                            {
                                caughtUpSignalled = true;
                                yield return new SubscriptionMessage.CaughtUp(caughtUpAt ?? seen);
                            }

                            break;

                        case ReadResp.ContentOneofCase.FellBehind:
                            logger.LogInformation("Subscription to $all fell behind; the server catches it up again");
                            break;
                    }

                    (pending, stop) = await NextAsync(call, cancellationToken).ConfigureAwait(false);
                }
            }

            if (stop || cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            dropsWithoutProgress++;
            if (dropsWithoutProgress > options.SubscriptionRetryAttempts)
            {
                throw new EventStoreDbException(
                    $"The subscription to $all was dropped {dropsWithoutProgress} times in a row without progress.",
                    StatusCode.Unavailable,
                    "subscription-dropped");
            }

            if (seen is { } resumeAfter)
            {
                from = SubscriptionStart.After(resumeAfter);
            }

            logger.LogWarning("Subscription to $all dropped; resubscribing from {Start} (attempt {Attempt})", from, dropsWithoutProgress);
            if (dropsWithoutProgress > 1 && !await BackOffAsync(dropsWithoutProgress, cancellationToken).ConfigureAwait(false))
            {
                yield break;
            }
        }
    }

    private async Task<(AsyncServerStreamingCall<ReadResp> Call, ReadResp? First)?> OpenAsync(
        SubscriptionStart from,
        SubscriptionFilter filter,
        CancellationToken cancellationToken)
    {
        var request = ProtocolRequests.SubscribeToAll(from, filter, options.FilterMaxSearchWindow, options.CheckpointIntervalMultiplier);
        try
        {
            return await retries.ExecuteSubscriptionAsync(
                async (client, headers, token) =>
                {
                    var call = client.Read(request, headers, deadline: null, token);
                    try
                    {
                        if (!await call.ResponseStream.MoveNext(token).ConfigureAwait(false))
                        {
                            throw new RpcException(new Status(StatusCode.Unavailable, "The subscription ended before the server confirmed it."));
                        }

                        return (call, (ReadResp?)call.ResponseStream.Current);
                    }
                    catch
                    {
                        call.Dispose();
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The next answer; null with stop=false is a drop to recover from, stop=true a cancellation.</summary>
    private async Task<(ReadResp? Next, bool Stop)> NextAsync(AsyncServerStreamingCall<ReadResp> call, CancellationToken cancellationToken)
    {
        try
        {
            if (await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return (call.ResponseStream.Current, false);
            }

            logger.LogWarning("The server ended the subscription to $all");
            return (null, false);
        }
        catch (Exception error) when (cancellationToken.IsCancellationRequested && error is OperationCanceledException or RpcException)
        {
            return (null, true);
        }
        catch (RpcException error)
        {
            var mapped = retries.Translate(error, cancellationToken);
            if (mapped is NotLeaderException or EventStoreDbException { IsTransient: true })
            {
                logger.LogWarning(mapped, "Subscription to $all dropped: {Reason}", mapped.Message);
                return (null, false);
            }

            throw mapped;
        }
    }

    private async Task<bool> BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 2, 16));
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble()));
        try
        {
            await Task.Delay(jittered, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
