using System.Threading.Channels;
using Leads.EventStore;

namespace Leads.Projections.Runtime;

/// <summary>
/// Groups subscription messages into batches: what is ready, up to <see cref="ProjectorOptions.MaxBatchSize"/>,
/// lingering at most <see cref="ProjectorOptions.MaxBatchDelay"/> for more. Gives way to a posted operation.
/// </summary>
internal sealed class BatchReader(ProjectorOptions options, OperationQueue operations, string projection, TimeProvider clock)
{
    /// <summary>Fills <paramref name="batch"/>; false when an operation is waiting for the loop.</summary>
    public async Task<bool> ReadAsync(ChannelReader<SubscriptionMessage> reader, List<SubscriptionMessage> batch, CancellationToken cancellationToken)
    {
        if (await ReadFirstAsync(reader, cancellationToken).ConfigureAwait(false) is not { } first)
        {
            return false;
        }

        batch.Add(first);
        var started = clock.GetTimestamp();
        while (batch.Count < options.MaxBatchSize)
        {
            if (reader.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }

            var remaining = options.MaxBatchDelay - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero || operations.HasPending)
            {
                break;
            }

            using var linger = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            linger.CancelAfter(remaining);
            try
            {
                if (!await reader.WaitToReadAsync(linger.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return true;
    }

    /// <summary>The first message of a batch, waiting for one; null when an operation is posted first.</summary>
    private async Task<SubscriptionMessage?> ReadFirstAsync(ChannelReader<SubscriptionMessage> reader, CancellationToken cancellationToken)
    {
        SubscriptionMessage? first;
        while (!reader.TryRead(out first))
        {
            if (operations.HasPending)
            {
                return null;
            }

            var posted = operations.PostedAsync();
            if (posted.IsCompleted)
            {
                continue;
            }

            var more = reader.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(more, posted.WaitAsync(cancellationToken)).ConfigureAwait(false);
            if (more.IsCompleted && !await more.ConfigureAwait(false))
            {
                throw new SubscriptionDroppedException(projection);
            }

            if (!more.IsCompleted)
            {
                // An operation is waiting: the subscription is cancelled by the caller, so this wait ends with it.
                return null;
            }
        }

        return first;
    }
}
