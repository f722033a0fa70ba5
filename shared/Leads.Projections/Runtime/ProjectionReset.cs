using Leads.EventStore;
using Microsoft.Extensions.Logging;

namespace Leads.Projections.Runtime;

/// <summary>
/// A reset: from the start, everything is deleted; from a position or a time, every event at or after it is undone
/// (each touched document folded again from its stream up to just before it). The checkpoint goes back with the data,
/// and the projector rebuilds up to the last event it would receive at the reset.
/// </summary>
internal sealed class ProjectionReset<TDoc>(
    Projection<TDoc> projection,
    IEventStore events,
    SubscriptionFilter filter,
    IProjectionStore<TDoc> store,
    EventApplier<TDoc> applier,
    ParkedStreams parking,
    StoreRetries retries,
    ProjectorProgress progress,
    CheckpointOrigin origin,
    ILogger logger)
    where TDoc : class
{
    /// <summary>Rewinds the store; returns how many documents were rewound.</summary>
    public async Task<int> ResetAsync(ResetFrom from, CancellationToken cancellationToken)
    {
        // The target is the last event this projection will receive, not the head of the store: on EventStoreDB the
        // latter moves with system events and lies past events filtered out, which only checkpoints (every window x
        // multiplier scanned events, perhaps never on a quiet node) would ever reach.
        var head = await events.ReadHeadPositionAsync(filter, cancellationToken).ConfigureAwait(false);
        var start = from switch
        {
            ResetFrom.FromPosition p => p.At,
            ResetFrom.FromTime t => await FindFirstRecordedAtOrAfterAsync(t.At, cancellationToken).ConfigureAwait(false),
            _ => (GlobalPosition?)null,
        };
        if (from is ResetFrom.FromTime time && start is null)
        {
            logger.LogInformation("Projection {Projection}: nothing recorded at or after {Time}; reset has nothing to replay", projection.Name, time.At);
            return 0;
        }

        var rewind = start is { } s && s > GlobalPosition.Start
            ? await BuildRewindAsync(s, cancellationToken).ConfigureAwait(false)
            : ProjectionRewind<TDoc>.Everything;
        await retries.RunAsync(ct => store.RewindAsync(rewind, ct), cancellationToken).ConfigureAwait(false);
        if (rewind.Checkpoint is null)
        {
            // Nothing is left of what was built: it is rebuilt from the store read now, whichever it was built from.
            await origin.RecordCurrentAsync(cancellationToken).ConfigureAwait(false);
        }

        progress.Committed.Advance(rewind.Checkpoint);
        await parking.ReloadAsync(cancellationToken).ConfigureAwait(false);
        progress.Rebuilding(rewind.Checkpoint ?? GlobalPosition.Start, head);
        logger.LogInformation(
            "Projection {Projection} reset from {From}: {Documents} documents rewound, replaying after {Checkpoint} up to {Head}",
            projection.Name, rewind.From?.ToString() ?? "the start", rewind.Documents.Count, rewind.Checkpoint?.ToString() ?? "the start", head);
        return rewind.Documents.Count;
    }

    /// <summary>
    /// Undoes every event at or after <paramref name="from"/>: each touched document is folded again from its stream up
    /// to just before it, and the checkpoint goes back to the last position below it that the store reflects.
    /// </summary>
    private async Task<ProjectionRewind<TDoc>> BuildRewindAsync(GlobalPosition from, CancellationToken cancellationToken)
    {
        var touched = await store.ListStreamsChangedSinceAsync(from, cancellationToken).ConfigureAwait(false);
        var parked = await store.ListParkedAsync(null, cancellationToken).ConfigureAwait(false);
        var parkedPositions = parked.Select(p => p.Position).ToHashSet();
        var rewound = new List<RewoundDocument<TDoc>>(touched.Count);
        var checkpoint = await store.ReadLastPositionBeforeAsync(from, cancellationToken).ConfigureAwait(false);
        foreach (var streamId in touched)
        {
            var document = projection.Initial(streamId);
            GlobalPosition? position = null;
            await foreach (var recorded in events.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (recorded.Position >= from || parkedPositions.Contains(recorded.Position))
                {
                    break;
                }

                if (await applier.ApplyOnceAsync(document, recorded, cancellationToken).ConfigureAwait(false) is { } next)
                {
                    document = next;
                    position = recorded.Position;
                }
            }

            rewound.Add(new RewoundDocument<TDoc>(streamId, position is null ? null : document, position));
            checkpoint = GlobalPositions.Max(checkpoint, position);
        }

        return new ProjectionRewind<TDoc>(from, rewound, checkpoint);
    }

    private async Task<GlobalPosition?> FindFirstRecordedAtOrAfterAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        // The port has no index by time: scan the global order once (an ops action, not a hot path).
        await foreach (var recorded in events.ReadAllAsync(null, long.MaxValue, filter, cancellationToken).ConfigureAwait(false))
        {
            if (recorded.Created >= time)
            {
                return recorded.Position;
            }
        }

        return null;
    }
}
