using Leads.EventStore;
using Leads.Projections.Telemetry;
using Microsoft.Extensions.Logging;

namespace Leads.Projections;

public sealed partial class Projector<TDoc>
{
    private const string HeldBackError = "held back: an earlier event of this stream is parked";

    private sealed class Working(TDoc document, GlobalPosition? position, GlobalPosition? previous)
    {
        public TDoc Document { get; set; } = document;
        public GlobalPosition? Position { get; set; } = position;
        public GlobalPosition? Previous { get; } = previous;
        public bool Changed { get; set; }
    }

    private async Task ApplyBatchAsync(List<SubscriptionMessage> batch, CancellationToken cancellationToken)
    {
        GlobalPosition? checkpoint = null;
        var caughtUp = false;
        var streams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            switch (message)
            {
                case SubscriptionMessage.Event e:
                    checkpoint = Max(checkpoint, e.Recorded.Position);
                    streams.Add(e.Recorded.StreamId);
                    break;
                case SubscriptionMessage.Checkpoint c:
                    checkpoint = Max(checkpoint, c.Position);
                    break;
                case SubscriptionMessage.CaughtUp u:
                    caughtUp = true;
                    checkpoint = Max(checkpoint, u.Position);
                    break;
            }
        }

        var writes = new List<DocumentWrite<TDoc>>();
        var parked = new List<ParkedEvent>();
        if (streams.Count > 0)
        {
            var loaded = await _storeRetries.ExecuteAsync(
                ct => new ValueTask<IReadOnlyDictionary<string, StoredDocument<TDoc>>>(_store.LoadAsync(streams, ct)),
                cancellationToken).ConfigureAwait(false);
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

        var committed = _committed.Committed;
        if (checkpoint is not { } next || (committed is { } c0 && next <= c0 && writes.Count == 0 && parked.Count == 0))
        {
            MarkProgress(caughtUp);
            return;
        }

        if (committed is { } c1 && next < c1)
        {
            next = c1;
        }

        var commit = new ProjectionCommit<TDoc>(writes, parked, next);
        var started = _clock.GetTimestamp();
        using (ProjectionTelemetry.StartCommit(Name, batch))
        {
            await _storeRetries.ExecuteAsync(ct => new ValueTask(_store.CommitAsync(commit, ct)), cancellationToken).ConfigureAwait(false);
        }

        ProjectionTelemetry.Committed(Name, batch.Count(m => m is SubscriptionMessage.Event), _clock.GetElapsedTime(started));
        Interlocked.Add(ref _parkedCount, parked.Count);
        _committed.Advance(next);
        MarkProgress(caughtUp);
    }

    private async Task ApplyEventAsync(
        RecordedEvent recorded,
        IReadOnlyDictionary<string, StoredDocument<TDoc>> loaded,
        Dictionary<string, Working> working,
        List<ParkedEvent> parked,
        CancellationToken cancellationToken)
    {
        var streamId = recorded.StreamId;
        if (_heldStreams.TryGetValue(streamId, out var parkedUpTo))
        {
            if (recorded.Position > parkedUpTo)
            {
                parked.Add(Park(recorded, held: true, HeldBackError, attempts: 0));
                _heldStreams[streamId] = recorded.Position;
            }

            return;
        }

        if (!working.TryGetValue(streamId, out var w))
        {
            w = loaded.TryGetValue(streamId, out var stored)
                ? new Working(stored.Document, stored.Position, stored.Position)
                : new Working(_projection.Initial(streamId), null, null);
            working[streamId] = w;
        }

        if (w.Position is { } applied && recorded.Position <= applied)
        {
            return;
        }

        using var activity = ProjectionTelemetry.StartApply(Name, recorded);
        var (next, error, attempts) = await TryApplyAsync(w.Document, recorded, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            ProjectionTelemetry.Parked(activity, error);
            _logger.LogWarning(
                "Projection {Projection} parked event {Position} of {Stream} ({EventType}) after {Attempts} attempts: {Error}",
                Name, recorded.Position, streamId, recorded.EventType, attempts, error);
            parked.Add(Park(recorded, held: false, error, attempts));
            _heldStreams[streamId] = recorded.Position;
            return;
        }

        if (next is not null)
        {
            w.Document = next;
            w.Position = recorded.Position;
            w.Changed = true;
        }
    }

    /// <summary>Decodes and applies one event, retrying with backoff; the new document (null when the event is not
    /// ours), or the error after the last attempt.</summary>
    private async Task<(TDoc? Document, string? Error, int Attempts)> TryApplyAsync(TDoc document, RecordedEvent recorded, CancellationToken cancellationToken)
    {
        try
        {
            return (await ApplyOnceAsync(document, recorded, cancellationToken).ConfigureAwait(false), null, 1);
        }
        catch (Exception first) when (first is not OperationCanceledException)
        {
            // The failed first attempt counts as the pipeline's first execution; then come the retries with backoff.
            var attempts = 0;
            try
            {
                var next = await _handlerRetries.ExecuteAsync(
                    ct =>
                    {
                        if (attempts++ == 0)
                        {
                            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
                        }

                        return ApplyOnceAsync(document, recorded, ct);
                    },
                    cancellationToken).ConfigureAwait(false);
                return (next, null, attempts);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return (null, $"{ex.GetType().Name}: {ex.Message}", attempts);
            }
        }
    }

    private async ValueTask<TDoc?> ApplyOnceAsync(TDoc document, RecordedEvent recorded, CancellationToken cancellationToken)
    {
        var decoded = await _projection.DecodeAsync(recorded, cancellationToken).ConfigureAwait(false);
        if (decoded is null || !_projection.Handles(decoded.GetType()))
        {
            return null;
        }

        return _projection.Apply(document, decoded, EventContext.Of(recorded));
    }

    private ParkedEvent Park(RecordedEvent recorded, bool held, string error, int attempts) =>
        new(recorded.StreamId, recorded.StreamRevision, recorded.Position, recorded.EventId, recorded.EventType,
            recorded.Created, held, error, attempts, _clock.GetUtcNow());

    private void MarkProgress(bool caughtUp)
    {
        if (_state is ProjectorState.Rebuilding)
        {
            // Rebuilt once the last event it must receive (the target: the last matching event at the reset) is
            // applied, or once caught up (the subscription began after the target was read, so it delivered it):
            // no checkpoint is needed, and none may ever come on EventStoreDB.
            if (caughtUp || _rebuildTarget is not { } target || (_committed.Committed is { } c && c >= target))
            {
                _state = caughtUp ? ProjectorState.CaughtUp : ProjectorState.Running;
                _logger.LogInformation("Projection {Projection} rebuilt up to {Checkpoint}", Name, _committed.Committed);
            }

            return;
        }

        if (caughtUp)
        {
            _state = ProjectorState.CaughtUp;
        }
        else if (_state is ProjectorState.Faulted)
        {
            _state = ProjectorState.Running;
        }
    }

    private async Task LoadParkedAsync(CancellationToken cancellationToken)
    {
        var all = await _storeRetries.ExecuteAsync(
            ct => new ValueTask<IReadOnlyList<ParkedEvent>>(_store.ListParkedAsync(null, ct)),
            cancellationToken).ConfigureAwait(false);
        _heldStreams.Clear();
        foreach (var p in all)
        {
            _heldStreams[p.StreamId] = _heldStreams.TryGetValue(p.StreamId, out var up) ? Max(up, p.Position) : p.Position;
        }

        Volatile.Write(ref _parkedCount, all.Count);
    }

    private static GlobalPosition Max(GlobalPosition? a, GlobalPosition b) => a is { } x && x > b ? x : b;

    private static GlobalPosition? Max(GlobalPosition? a, GlobalPosition? b) => b is { } y ? Max(a, y) : a;
}
