namespace Leads.EventStore.Copy;

/// <summary>
/// Copies every stream the filter selects from one store to another in the source's global order, so that the target's
/// <c>$all</c> reads as the source's did: the same event ids, types, data bytes, metadata and stream revisions, plus
/// the original recorded time in <see cref="EventMetadata.RecordedAt"/>. Consecutive events of one stream go in one
/// append, with the revision the source gives them as the expected one: a copy resumed after a crash re-sends
/// appends the target already holds, which the store answers from the event ids without writing again, and a target
/// that holds other events for a stream refuses the append (<see cref="StoreCopyConflictException"/>), after which
/// nothing more is written.
/// </summary>
public sealed class StoreCopier(IEventStore source, IEventStore target, StoreCopyOptions options)
{
    /// <summary>
    /// Copies the events strictly after <paramref name="after"/> (null: from the start); <paramref name="copied"/> is
    /// called after every append with the position up to which the target now holds the source. Without
    /// <see cref="StoreCopyOptions.Follow"/> it ends once the events that existed at the start are copied.
    /// </summary>
    public async Task<GlobalPosition?> CopyAsync(GlobalPosition? after, Func<CopyProgress, CancellationToken, ValueTask> copied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copied);
        var batch = new List<RecordedEvent>(options.MaxEventsPerAppend);
        var copiedUpTo = after;
        var live = false;
        await foreach (var message in source.SubscribeToAllAsync(SubscriptionStart.From(after), options.Filter, cancellationToken).ConfigureAwait(false))
        {
            if (message is SubscriptionMessage.Event { Recorded: var recorded })
            {
                if (batch.Count > 0 && (batch[0].StreamId != recorded.StreamId || batch.Count == options.MaxEventsPerAppend))
                {
                    copiedUpTo = await AppendAsync(batch, copied, cancellationToken).ConfigureAwait(false);
                }

                batch.Add(recorded);
                if (live)
                {
                    // Following: nothing says when the next event comes, so this one goes now.
                    copiedUpTo = await AppendAsync(batch, copied, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            // A pause in the source (caught up, or a checkpoint after filtered-out events): what is held goes now.
            if (batch.Count > 0)
            {
                copiedUpTo = await AppendAsync(batch, copied, cancellationToken).ConfigureAwait(false);
            }

            if (message is SubscriptionMessage.CaughtUp)
            {
                if (!options.Follow)
                {
                    break;
                }

                live = true;
            }
        }

        // The subscription ends quietly when cancelled; the caller learns that the copy was stopped, not finished.
        cancellationToken.ThrowIfCancellationRequested();
        return copiedUpTo;
    }

    private async Task<GlobalPosition> AppendAsync(List<RecordedEvent> batch, Func<CopyProgress, CancellationToken, ValueTask> copied, CancellationToken cancellationToken)
    {
        var first = batch[0];
        var expected = first.StreamRevision == 0 ? ExpectedRevision.NoStream : ExpectedRevision.Exact(first.StreamRevision - 1);
        var events = batch.Select(Copy).ToList();
        var result = await target.AppendAsync(first.StreamId, expected, events, cancellationToken).ConfigureAwait(false);
        if (result is AppendResult.WrongExpectedRevision wrong)
        {
            throw new StoreCopyConflictException(first.StreamId, first.StreamRevision, wrong.ActualRevision);
        }

        var last = batch[^1].Position;
        var progress = new CopyProgress(batch.Count, last);
        batch.Clear();
        await copied(progress, cancellationToken).ConfigureAwait(false);
        return last;
    }

    /// <summary>The event as it was first written, with its original time kept (a copy of a copy keeps the first).</summary>
    private static EventData Copy(RecordedEvent recorded) =>
        new(recorded.EventId, recorded.EventType, recorded.Data, recorded.Metadata with { RecordedAt = recorded.Created });
}
