using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Leads.EventStore.Sqlite;

/// <summary>
/// A catch-up subscription to all events: pages through the file from its start, then follows live, woken by this
/// process's commits and polling for other processes' commits: every <see cref="SqliteEventStoreOptions.ActivePollInterval"/>
/// within <see cref="SqliteEventStoreOptions.ActivePollWindow"/> of the last events that arrived, else every
/// <see cref="SqliteEventStoreOptions.PollInterval"/>, so a quiet store costs no more than before and a busy one is
/// followed within a few milliseconds.
/// </summary>
internal sealed class AllSubscription(ReadSessionPool readers, StoreChangeSignal signal, SqliteEventStoreOptions options, CancellationToken storeDisposing)
{
    public async IAsyncEnumerable<SubscriptionMessage> RunAsync(SubscriptionStart start, SubscriptionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, storeDisposing);
        var position = start.Kind switch
        {
            SubscriptionStartKind.After => EventRows.ToInt64(start.Position.Commit),
            SubscriptionStartKind.End => readers.Use(session => session.ReadHeadSequence()),
            _ => 0L,
        };

        var caughtUp = false;
        var lastArrival = long.MinValue;
        while (!stop.IsCancellationRequested)
        {
            var changed = signal.Next;
            var after = position;
            var page = readers.Use(session => session.ReadAllPage(after, options.ReadPageSize));
            var lastDelivered = position;
            if (page.Count > 0)
            {
                lastArrival = Stopwatch.GetTimestamp();
            }

            foreach (var recorded in page)
            {
                position = (long)recorded.Position.Commit;
                if (filter.Matches(recorded))
                {
                    lastDelivered = position;
                    yield return new SubscriptionMessage.Event(recorded);
                }
            }

            if (position != lastDelivered)
            {
                yield return new SubscriptionMessage.Checkpoint(GlobalPosition.FromSequence((ulong)position));
            }

            if (page.Count == options.ReadPageSize)
            {
                continue;
            }

            if (!caughtUp)
            {
                caughtUp = true;
                yield return new SubscriptionMessage.CaughtUp(position == 0 ? null : GlobalPosition.FromSequence((ulong)position));
            }

            var active = lastArrival != long.MinValue && Stopwatch.GetElapsedTime(lastArrival) < options.ActivePollWindow;
            await WaitForChangeAsync(changed, active ? options.ActivePollInterval : options.PollInterval, stop.Token).ConfigureAwait(false);
        }

        ObjectDisposedException.ThrowIf(storeDisposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested, typeof(SqliteEventStore));
    }

    /// <summary>Returns at this process's next commit, after one poll interval, or on cancellation; never throws.</summary>
    private async Task WaitForChangeAsync(Task changed, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        if (changed.IsCompleted || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var poll = Task.Delay(pollInterval, cancellationToken);
        await Task.WhenAny(changed, poll).ConfigureAwait(false);
    }
}
