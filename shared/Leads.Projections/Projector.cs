using Leads.EventStore;
using Leads.Projections.Runtime;
using Microsoft.Extensions.Logging;

namespace Leads.Projections;

/// <summary>
/// Runs one projection: a catch-up subscription from the checkpoint in the projection's own store, events applied in
/// batches by the pure projection, each batch written with its checkpoint. It coordinates named collaborators:
/// <list type="bullet">
/// <item><see cref="Resubscription"/>: a failed attempt resubscribes from the stored checkpoint with jittered backoff (Polly).</item>
/// <item><see cref="SubscriptionPump"/> and <see cref="BatchReader"/>: the subscription read ahead and grouped into batches.</item>
/// <item><see cref="BatchApplier{TDoc}"/>: documents loaded, events applied, the batch committed with its checkpoint.</item>
/// <item><see cref="ParkedStreams"/> and <see cref="ParkedEventReplayer{TDoc}"/>: poison events parked with their
/// stream's later events while other streams keep flowing, and replayed on request.</item>
/// <item><see cref="OperationQueue"/> and <see cref="ProjectionReset{TDoc}"/>: pause, resume, reset and replay performed
/// by the loop between batches.</item>
/// <item><see cref="ProjectorProgress"/>: state, checkpoint and status for ops.</item>
/// </list>
/// </summary>
public sealed class Projector<TDoc> : IProjector
    where TDoc : class
{
    private readonly IEventStore _events;
    private readonly IProjectionStore<TDoc> _store;
    private readonly ProjectorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly SubscriptionFilter _filter;
    private readonly StoreRetries _storeRetries;
    private readonly OperationQueue _operations = new();
    private readonly ProjectorProgress _progress;
    private readonly ParkedStreams _parking;
    private readonly BatchReader _batches;
    private readonly BatchApplier<TDoc> _applier;
    private readonly ProjectionReset<TDoc> _reset;
    private readonly ParkedEventReplayer<TDoc> _replayer;
    private readonly Resubscription _resubscription;
    private readonly CheckpointOrigin _origin;

    /// <param name="filter">What to subscribe to; by default what the projection declares (<see cref="Projection{TDoc}.Subscription"/>).</param>
    /// <param name="origins">Where the store each projection was built from is kept; without it a checkpoint is trusted as it is.</param>
    public Projector(
        Projection<TDoc> projection,
        IEventStore events,
        IProjectionStore<TDoc> store,
        ProjectorOptions options,
        ILogger<Projector<TDoc>> logger,
        SubscriptionFilter? filter = null,
        TimeProvider? clock = null,
        ICheckpointOrigins? origins = null)
    {
        ArgumentNullException.ThrowIfNull(projection);
        Name = projection.Name;
        _events = events;
        _store = store;
        _options = options;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _filter = filter ?? projection.Subscription;
        _progress = new ProjectorProgress(Name, logger);
        _storeRetries = new StoreRetries(Name, options, _progress, logger, _clock);
        _parking = new ParkedStreams(store, _storeRetries, _clock);
        var applier = new EventApplier<TDoc>(projection, options, _clock);
        _batches = new BatchReader(options, _operations, Name, _clock);
        _applier = new BatchApplier<TDoc>(Name, projection.Initial, store, applier, _parking, _storeRetries, _progress, logger, _clock, store.KeepsDocuments ? options.DocumentCacheSize : 0);
        _origin = new CheckpointOrigin(Name, events, origins, logger);
        _reset = new ProjectionReset<TDoc>(projection, events, _filter, store, applier, _parking, _storeRetries, _progress, _origin, logger);
        _replayer = new ParkedEventReplayer<TDoc>(projection, events, store, applier, _parking, _storeRetries, logger, _clock);
        _resubscription = new Resubscription(Name, options, _progress, logger, _clock);
    }

    public string Name { get; }

    public GlobalPosition? Checkpoint => _progress.Committed.Committed;

    public ProjectorState State => _progress.State;

    public Task WaitForPositionAsync(GlobalPosition position, CancellationToken cancellationToken) =>
        _progress.Committed.WaitAsync(position, cancellationToken);

    public Task PauseAsync(CancellationToken cancellationToken) => _operations.PostAsync(new ProjectorCommand.Pause(), cancellationToken);

    public Task ResumeAsync(CancellationToken cancellationToken) => _operations.PostAsync(new ProjectorCommand.Resume(), cancellationToken);

    public Task ResetAsync(ResetFrom from, CancellationToken cancellationToken) => _operations.PostAsync(new ProjectorCommand.Reset(from), cancellationToken);

    public Task<int> ReplayParkedAsync(string streamId, CancellationToken cancellationToken) =>
        _operations.PostAsync(new ProjectorCommand.ReplayParked(streamId), cancellationToken);

    public Task<ProjectorStatus> ReadStatusAsync(CancellationToken cancellationToken) =>
        _progress.ReadStatusAsync(_events, _filter, _parking.Count, _clock, cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _progress.State = ProjectorState.Running;
        _logger.LogInformation("Projection {Projection} starting", Name);
        try
        {
            await _resubscription.RunAsync(AttemptAsync, _operations.PostedAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _progress.State = ProjectorState.Stopped;
            _logger.LogInformation("Projection {Projection} stopped at {Checkpoint}", Name, _progress.Committed.Committed);
        }
    }

    /// <summary>Performs the waiting operations, then follows the subscription until an operation needs the loop.</summary>
    private async Task AttemptAsync(CancellationToken cancellationToken)
    {
        while (_operations.TryTake(out var command))
        {
            await PerformAsync(command, cancellationToken).ConfigureAwait(false);
        }

        if (_progress.Paused)
        {
            _progress.State = ProjectorState.Paused;
            await _operations.PostedAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await FollowAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One subscription: from the stored checkpoint until cancelled, dropped, or an operation needs the loop.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await _storeRetries.RunAsync(_store.ReadCheckpointAsync, cancellationToken).ConfigureAwait(false);
        await _origin.CheckAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        _progress.Committed.Advance(checkpoint);
        _applier.ForgetDocuments();
        await _parking.ReloadAsync(cancellationToken).ConfigureAwait(false);
        _progress.Subscribed();

        await using var pump = SubscriptionPump.Start(_events, _filter, checkpoint, _options.MaxBatchSize * 2, Name, cancellationToken);
        var batch = new List<SubscriptionMessage>(_options.MaxBatchSize);
        while (await _batches.ReadAsync(pump.Messages, batch, cancellationToken).ConfigureAwait(false))
        {
            await _applier.ApplyAsync(batch, cancellationToken).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private async Task PerformAsync(ProjectorCommand command, CancellationToken cancellationToken)
    {
        try
        {
            var result = command switch
            {
                ProjectorCommand.Pause => _progress.SetPaused(true),
                ProjectorCommand.Resume => _progress.SetPaused(false),
                ProjectorCommand.Reset r => await _reset.ResetAsync(r.From, cancellationToken).ConfigureAwait(false),
                ProjectorCommand.ReplayParked p => await _replayer.ReplayAsync(p.StreamId, cancellationToken).ConfigureAwait(false),
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
}
