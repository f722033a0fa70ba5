using System.Diagnostics;
using System.Runtime.CompilerServices;
using Leads.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>
/// A catch-up subscription to all events: pages through the file from its start, then follows live, woken by the
/// commit signal (<see cref="SqliteCommitSignal"/>): this process's commits always, other processes' while the signal
/// file is watched, polling then only every <see cref="SqliteEventStoreOptions.WatchedPollInterval"/> as a fallback.
/// Where it cannot be watched (or <see cref="SqliteEventStoreOptions.WatchOtherProcessesCommits"/> is off) it polls for
/// other processes' commits: every <see cref="SqliteEventStoreOptions.ActivePollInterval"/> within
/// <see cref="SqliteEventStoreOptions.ActivePollWindow"/> of the last events that arrived, else every
/// <see cref="SqliteEventStoreOptions.PollInterval"/>.
/// </summary>
internal sealed class AllSubscription(ReadSessionPool readers, SqliteCommitSignal signal, SqliteEventStoreOptions options, CancellationToken storeDisposing)
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

            await WaitForChangeAsync(changed, PollInterval(lastArrival), stop.Token).ConfigureAwait(false);
        }

        ObjectDisposedException.ThrowIf(storeDisposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested, typeof(SqliteEventStore));
    }

    /// <summary>How long to wait for a commit signal before looking anyway: a fallback only, long while other processes' commits are signalled.</summary>
    private TimeSpan PollInterval(long lastArrival)
    {
        if (signal.WatchesOtherProcesses)
        {
            return options.WatchedPollInterval;
        }

        var active = lastArrival != long.MinValue && Stopwatch.GetElapsedTime(lastArrival) < options.ActivePollWindow;
        return active ? options.ActivePollInterval : options.PollInterval;
    }

    /// <summary>Returns at the next commit signalled, after one poll interval, or on cancellation; never throws.</summary>
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
