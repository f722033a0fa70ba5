using Leads.EventStore;
using Microsoft.Extensions.Logging;

namespace Leads.Projections.Runtime;

/// <summary>
/// Replays a stream's parked events in order onto its document: the ones that now apply are removed from parking; the
/// first that fails again stays parked with its new error, and the stream stays held back behind it.
/// </summary>
internal sealed class ParkedEventReplayer<TDoc>(
    Projection<TDoc> projection,
    IEventStore events,
    IProjectionStore<TDoc> store,
    EventApplier<TDoc> applier,
    ParkedStreams parking,
    StoreRetries retries,
    ILogger logger,
    TimeProvider clock)
    where TDoc : class
{
    /// <summary>Returns how many of the stream's parked events applied.</summary>
    public async Task<int> ReplayAsync(string streamId, CancellationToken cancellationToken)
    {
        var entries = await store.ListParkedAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return 0;
        }

        var loaded = await store.LoadAsync([streamId], cancellationToken).ConfigureAwait(false);
        var stored = loaded.GetValueOrDefault(streamId);
        var document = stored?.Document ?? projection.Initial(streamId);
        var position = stored?.Position;
        var changed = false;
        var applied = new List<ParkedEvent>();
        ParkedEvent? stillFailing = null;
        foreach (var entry in entries)
        {
            var recorded = await ReadOneAsync(streamId, entry.StreamRevision, cancellationToken).ConfigureAwait(false);
            if (recorded is null)
            {
                stillFailing = entry with { Held = false, Error = "the event is no longer in the event store", ParkedAt = clock.GetUtcNow() };
                break;
            }

            if (position is { } p && recorded.Position <= p)
            {
                applied.Add(entry);
                continue;
            }

            var (next, error, attempts) = await applier.TryApplyAsync(document, recorded, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                stillFailing = entry with { Held = false, Error = error, Attempts = entry.Attempts + attempts, ParkedAt = clock.GetUtcNow() };
                break;
            }

            if (next is not null)
            {
                document = next;
                position = recorded.Position;
                changed = true;
            }

            applied.Add(entry);
        }

        var write = changed && position is { } at ? new DocumentWrite<TDoc>(streamId, document, at, stored?.Position) : null;
        await retries.RunAsync(ct => store.CompleteParkedReplayAsync(new ParkedReplay<TDoc>(write, applied, stillFailing), ct), cancellationToken).ConfigureAwait(false);
        await parking.ReloadAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Projection {Projection}: replayed {Applied} of {Parked} parked events of {Stream}{Outcome}",
            projection.Name, applied.Count, entries.Count, streamId, stillFailing is null ? "" : "; " + stillFailing.Error);
        return applied.Count;
    }

    private async Task<RecordedEvent?> ReadOneAsync(string streamId, ulong revision, CancellationToken cancellationToken)
    {
        await foreach (var recorded in events.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamPosition.At(revision), 1, cancellationToken).ConfigureAwait(false))
        {
            return recorded;
        }

        return null;
    }
}
