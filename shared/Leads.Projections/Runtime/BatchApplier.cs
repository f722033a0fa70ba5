using Leads.EventStore;
using Leads.Projections.Telemetry;
using Microsoft.Extensions.Logging;

namespace Leads.Projections.Runtime;

/// <summary>
/// Applies one batch: loads the documents of its streams, applies each event with the pure projection (skipping what a
/// document already reflects, parking what keeps failing), and commits the changed documents, the parked events and
/// the checkpoint after the batch together.
/// </summary>
internal sealed class BatchApplier<TDoc>(
    string projection,
    Func<string, TDoc> initial,
    IProjectionStore<TDoc> store,
    EventApplier<TDoc> applier,
    ParkedStreams parking,
    StoreRetries retries,
    ProjectorProgress progress,
    ILogger logger,
    TimeProvider clock,
    int documentCacheSize)
    where TDoc : class
{
    private readonly DocumentCache<TDoc> _cache = new(documentCacheSize);

    private sealed class Working(TDoc document, GlobalPosition? position, GlobalPosition? previous)
    {
        public TDoc Document { get; set; } = document;
        public GlobalPosition? Position { get; set; } = position;
        public GlobalPosition? Previous { get; } = previous;
        public bool Changed { get; set; }
    }

    /// <summary>Forgets the cached documents: the store may have changed behind this applier (called on each (re)subscription).</summary>
    public void ForgetDocuments() => _cache.Clear();

    public async Task ApplyAsync(List<SubscriptionMessage> batch, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A commit that failed may still have reached the store: hold nothing that might be older than it.
            _cache.Clear();
            throw;
        }
    }

    /// <summary>The batch's documents: those the cache holds, the rest from the store (and remembered).</summary>
    private async Task<IReadOnlyDictionary<string, StoredDocument<TDoc>>> LoadAsync(HashSet<string> streams, CancellationToken cancellationToken)
    {
        var documents = new Dictionary<string, StoredDocument<TDoc>>(streams.Count, StringComparer.Ordinal);
        var missing = _cache.Take(streams, documents);
        if (missing.Count > 0)
        {
            var loaded = await retries.RunAsync(ct => store.LoadAsync(missing, ct), cancellationToken).ConfigureAwait(false);
            foreach (var (streamId, document) in loaded)
            {
                documents[streamId] = document;
                _cache.Put(document);
            }
        }

        return documents;
    }

    private async Task ApplyBatchAsync(List<SubscriptionMessage> batch, CancellationToken cancellationToken)
    {
        var (checkpoint, caughtUp, streams) = Survey(batch);
        var writes = new List<DocumentWrite<TDoc>>();
        var parked = new List<ParkedEvent>();
        if (streams.Count > 0)
        {
            var loaded = await LoadAsync(streams, cancellationToken).ConfigureAwait(false);
            await PrepareAsync(batch, cancellationToken).ConfigureAwait(false);
            var working = new Dictionary<string, Working>(StringComparer.Ordinal);
            foreach (var message in batch)
            {
                if (message is SubscriptionMessage.Event { Recorded: var recorded })
                {
                    await ApplyEventAsync(recorded, loaded, working, parked, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var (streamId, w) in working)
            {
                if (w.Changed && w.Position is { } position)
                {
                    writes.Add(new DocumentWrite<TDoc>(streamId, w.Document, position, w.Previous));
                }
            }
        }

        var committed = progress.Committed.Committed;
        if (checkpoint is not { } next || (committed is { } c0 && next <= c0 && writes.Count == 0 && parked.Count == 0))
        {
            progress.BatchDone(caughtUp);
            return;
        }

        if (committed is { } c1 && next < c1)
        {
            next = c1;
        }

        var commit = new ProjectionCommit<TDoc>(writes, parked, next);
        var started = clock.GetTimestamp();
        using (ProjectionTelemetry.StartCommit(projection, batch))
        {
            await retries.RunAsync(ct => store.CommitAsync(commit, ct), cancellationToken).ConfigureAwait(false);
        }

        foreach (var write in writes)
        {
            _cache.Put(new StoredDocument<TDoc>(write.StreamId, write.Document, write.Position));
        }

        ProjectionTelemetry.Committed(projection, batch.Count(m => m is SubscriptionMessage.Event), clock.GetElapsedTime(started));
        parking.Committed(parked.Count);
        progress.Committed.Advance(next);
        progress.BatchDone(caughtUp);
    }

    /// <summary>
    /// Lets the projection read at once what decoding the batch's events would read one by one. A failure only costs
    /// speed: each event is then decoded (and retried, and parked) on its own, as without preparation.
    /// </summary>
    private async Task PrepareAsync(List<SubscriptionMessage> batch, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>(batch.Count);
        foreach (var message in batch)
        {
            if (message is SubscriptionMessage.Event { Recorded: var recorded })
            {
                events.Add(recorded);
            }
        }

        try
        {
            await applier.PrepareBatchAsync(events, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Projection {Projection} could not prepare a batch of {Count} events; decoding them one by one", projection, events.Count);
        }
    }

    /// <summary>The checkpoint the batch reaches, whether it reached the head, and the streams of its events.</summary>
    private static (GlobalPosition? Checkpoint, bool CaughtUp, HashSet<string> Streams) Survey(List<SubscriptionMessage> batch)
    {
        GlobalPosition? checkpoint = null;
        var caughtUp = false;
        var streams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            switch (message)
            {
                case SubscriptionMessage.Event e:
                    checkpoint = GlobalPositions.Max(checkpoint, e.Recorded.Position);
                    streams.Add(e.Recorded.StreamId);
                    break;
                case SubscriptionMessage.Checkpoint c:
                    checkpoint = GlobalPositions.Max(checkpoint, c.Position);
                    break;
                case SubscriptionMessage.CaughtUp u:
                    caughtUp = true;
                    checkpoint = GlobalPositions.Max(checkpoint, u.Position);
                    break;
            }
        }

        return (checkpoint, caughtUp, streams);
    }

    private async Task ApplyEventAsync(
        RecordedEvent recorded,
        IReadOnlyDictionary<string, StoredDocument<TDoc>> loaded,
        Dictionary<string, Working> working,
        List<ParkedEvent> parked,
        CancellationToken cancellationToken)
    {
        var streamId = recorded.StreamId;
        if (parking.HoldsBack(recorded, parked))
        {
            return;
        }

        if (!working.TryGetValue(streamId, out var w))
        {
            w = loaded.TryGetValue(streamId, out var stored)
                ? new Working(stored.Document, stored.Position, stored.Position)
                : new Working(initial(streamId), null, null);
            working[streamId] = w;
        }

        if (w.Position is { } applied && recorded.Position <= applied)
        {
            return;
        }

        using var activity = ProjectionTelemetry.StartApply(projection, recorded);
        var (next, error, attempts) = await applier.TryApplyAsync(w.Document, recorded, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            ProjectionTelemetry.Parked(activity, error);
            logger.LogWarning(
                "Projection {Projection} parked event {Position} of {Stream} ({EventType}) after {Attempts} attempts: {Error}",
                projection, recorded.Position, streamId, recorded.EventType, attempts, error);
            parked.Add(parking.Park(recorded, error, attempts));
            return;
        }

        if (next is not null)
        {
            w.Document = next;
            w.Position = recorded.Position;
            w.Changed = true;
        }
    }
}
