using Leads.EventStore;
using Microsoft.Extensions.Logging;

namespace Leads.Projections;

public sealed partial class Projector<TDoc>
{
    public Task PauseAsync(CancellationToken cancellationToken) => PostAsync(new ProjectorCommand.Pause(), cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken) => PostAsync(new ProjectorCommand.Resume(), cancellationToken);

    public Task ResetAsync(ResetFrom from, CancellationToken cancellationToken) => PostAsync(new ProjectorCommand.Reset(from), cancellationToken);

    public Task<int> ReplayParkedAsync(string streamId, CancellationToken cancellationToken) =>
        PostAsync(new ProjectorCommand.ReplayParked(streamId), cancellationToken);

    public async Task<ProjectorStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        // State and checkpoint are read together, before the store is asked: a rebuild may finish meanwhile.
        var state = _state;
        var checkpoint = _committed.Committed;
        var lag = await ProjectionLag.ReadAsync(_events, _filter, checkpoint, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return new ProjectorStatus(
            Name, state, checkpoint, lag.Head, lag.Events, lag.Seconds, _lastError, Volatile.Read(ref _parkedCount),
            _rebuildFrom, _rebuildTarget, _clock.GetUtcNow());
    }

    private async Task PerformAsync(ProjectorCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var result = command switch
            {
                ProjectorCommand.Pause => SetPaused(true),
                ProjectorCommand.Resume => SetPaused(false),
                ProjectorCommand.Reset r => await PerformResetAsync(r.From, cancellationToken).ConfigureAwait(false),
                ProjectorCommand.ReplayParked p => await PerformReplayParkedAsync(p.StreamId, cancellationToken).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"Unknown command {command}"),
            };
            command.Done.TrySetResult(result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            command.Done.TrySetCanceled(cancellationToken);
            throw;
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Projection {Projection}: {Command} failed", Name, command.GetType().Name);
            command.Done.TrySetException(ex);
        }
    }

    private int SetPaused(bool paused)
    {
        _paused = paused;
        _state = paused ? ProjectorState.Paused : ProjectorState.Running;
        _logger.LogInformation("Projection {Projection} {Action}", Name, paused ? "paused" : "resumed");
        return 0;
    }

    private async Task<int> PerformResetAsync(ResetFrom from, CancellationToken cancellationToken)
    {
        // The target is the last event this projection will receive, not the head of the store: on EventStoreDB the
        // latter moves with system events and lies past events filtered out, which only checkpoints (every window x
        // multiplier scanned events, perhaps never on a quiet node) would ever reach.
        var head = await _events.ReadHeadPositionAsync(_filter, cancellationToken).ConfigureAwait(false);
        var start = from switch
        {
            ResetFrom.FromPosition p => p.At,
            ResetFrom.FromTime t => await FindFirstRecordedAtOrAfterAsync(t.At, cancellationToken).ConfigureAwait(false),
            _ => (GlobalPosition?)null,
        };
        if (from is ResetFrom.FromTime && start is null)
        {
            _logger.LogInformation("Projection {Projection}: nothing recorded at or after {Time}; reset has nothing to replay", Name, ((ResetFrom.FromTime)from).At);
            return 0;
        }

        var rewind = start is { } s && s > GlobalPosition.Start
            ? await BuildRewindAsync(s, cancellationToken).ConfigureAwait(false)
            : ProjectionRewind<TDoc>.Everything;
        await _storeRetries.ExecuteAsync(ct => new ValueTask(_store.RewindAsync(rewind, ct)), cancellationToken).ConfigureAwait(false);
        _committed.Advance(rewind.Checkpoint);
        await LoadParkedAsync(cancellationToken).ConfigureAwait(false);
        _rebuildFrom = rewind.Checkpoint ?? GlobalPosition.Start;
        _rebuildTarget = head;
        _state = ProjectorState.Rebuilding;
        _logger.LogInformation(
            "Projection {Projection} reset from {From}: {Documents} documents rewound, replaying after {Checkpoint} up to {Head}",
            Name, rewind.From?.ToString() ?? "the start", rewind.Documents.Count, rewind.Checkpoint?.ToString() ?? "the start", head);
        return rewind.Documents.Count;
    }

    /// <summary>
    /// Undoes every event at or after <paramref name="from"/>: each touched document is folded again from its stream up
    /// to just before it, and the checkpoint goes back to the last position below it that the store reflects.
    /// </summary>
    private async Task<ProjectionRewind<TDoc>> BuildRewindAsync(GlobalPosition from, CancellationToken cancellationToken)
    {
        var touched = await _store.ListStreamsChangedSinceAsync(from, cancellationToken).ConfigureAwait(false);
        var parked = await _store.ListParkedAsync(null, cancellationToken).ConfigureAwait(false);
        var parkedPositions = parked.Select(p => p.Position).ToHashSet();
        var rewound = new List<RewoundDocument<TDoc>>(touched.Count);
        GlobalPosition? checkpoint = await _store.ReadLastPositionBeforeAsync(from, cancellationToken).ConfigureAwait(false);
        foreach (var streamId in touched)
        {
            var document = _projection.Initial(streamId);
            GlobalPosition? position = null;
            await foreach (var recorded in _events.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (recorded.Position >= from)
                {
                    break;
                }

                if (parkedPositions.Contains(recorded.Position))
                {
                    break;
                }

                if (await ApplyOnceAsync(document, recorded, cancellationToken).ConfigureAwait(false) is { } next)
                {
                    document = next;
                    position = recorded.Position;
                }
            }

            rewound.Add(new RewoundDocument<TDoc>(streamId, position is null ? null : document, position));
            checkpoint = Max(checkpoint, position);
        }

        return new ProjectionRewind<TDoc>(from, rewound, checkpoint);
    }

    private async Task<GlobalPosition?> FindFirstRecordedAtOrAfterAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        // The port has no index by time: scan the global order once (an ops action, not a hot path).
        await foreach (var recorded in _events.ReadAllAsync(null, long.MaxValue, _filter, cancellationToken).ConfigureAwait(false))
        {
            if (recorded.Created >= time)
            {
                return recorded.Position;
            }
        }

        return null;
    }

    private async Task<int> PerformReplayParkedAsync(string streamId, CancellationToken cancellationToken)
    {
        var entries = await _store.ListParkedAsync(streamId, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            return 0;
        }

        var loaded = await _store.LoadAsync([streamId], cancellationToken).ConfigureAwait(false);
        var stored = loaded.GetValueOrDefault(streamId);
        var document = stored?.Document ?? _projection.Initial(streamId);
        var position = stored?.Position;
        var changed = false;
        var applied = new List<ParkedEvent>();
        ParkedEvent? stillFailing = null;
        foreach (var entry in entries)
        {
            var recorded = await ReadOneAsync(streamId, entry.StreamRevision, cancellationToken).ConfigureAwait(false);
            if (recorded is null)
            {
                stillFailing = entry with { Held = false, Error = "the event is no longer in the event store", ParkedAt = _clock.GetUtcNow() };
                break;
            }

            if (position is { } p && recorded.Position <= p)
            {
                applied.Add(entry);
                continue;
            }

            var (next, error, attempts) = await TryApplyAsync(document, recorded, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                stillFailing = entry with { Held = false, Error = error, Attempts = entry.Attempts + attempts, ParkedAt = _clock.GetUtcNow() };
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
        await _storeRetries.ExecuteAsync(
            ct => new ValueTask(_store.CompleteParkedReplayAsync(new ParkedReplay<TDoc>(write, applied, stillFailing), ct)),
            cancellationToken).ConfigureAwait(false);
        await LoadParkedAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation(
            "Projection {Projection}: replayed {Applied} of {Parked} parked events of {Stream}{Outcome}",
            Name, applied.Count, entries.Count, streamId, stillFailing is null ? "" : "; " + stillFailing.Error);
        return applied.Count;
    }

    private async Task<RecordedEvent?> ReadOneAsync(string streamId, ulong revision, CancellationToken cancellationToken)
    {
        await foreach (var recorded in _events.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamPosition.At(revision), 1, cancellationToken).ConfigureAwait(false))
        {
            return recorded;
        }

        return null;
    }
}
