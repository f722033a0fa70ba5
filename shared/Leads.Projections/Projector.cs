using System.Threading.Channels;
using Leads.EventStore;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Leads.Projections;

/// <summary>
/// Runs one projection: a catch-up subscription from the checkpoint in the projection's own store, events applied in
/// batches by the pure projection, each batch written with its checkpoint. Store failures are retried with jittered
/// backoff, a dropped subscription resumes from the stored checkpoint, and an event whose handler keeps failing is
/// parked with its stream's later events while other streams keep flowing. Operations (pause, resume, reset, replay
/// parked) run on the loop between batches.
/// </summary>
public sealed partial class Projector<TDoc> : IProjector
    where TDoc : class
{
    private readonly Projection<TDoc> _projection;
    private readonly IEventStore _events;
    private readonly IProjectionStore<TDoc> _store;
    private readonly ProjectorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly SubscriptionFilter _filter;
    private readonly ResiliencePipeline _storeRetries;
    private readonly ResiliencePipeline _handlerRetries;
    private readonly Channel<ProjectorCommand> _commands = Channel.CreateUnbounded<ProjectorCommand>();
    private readonly PositionWaiters _committed = new();
    private TaskCompletionSource _commandPosted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Streams with a parked event, and the last parked position of each (a re-delivered parked event is not parked twice).
    private readonly Dictionary<string, GlobalPosition> _heldStreams = new(StringComparer.Ordinal);

    private volatile ProjectorState _state = ProjectorState.Stopped;
    private volatile string? _lastError;
    private volatile bool _paused;
    private int _parkedCount;
    private GlobalPosition? _rebuildFrom;
    private GlobalPosition? _rebuildTarget;

    public Projector(
        Projection<TDoc> projection,
        IEventStore events,
        IProjectionStore<TDoc> store,
        ProjectorOptions options,
        ILogger<Projector<TDoc>> logger,
        SubscriptionFilter? filter = null,
        TimeProvider? clock = null)
    {
        _projection = projection;
        _events = events;
        _store = store;
        _options = options;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        _filter = filter ?? ProjectionFilter.LeadStreams;
        _storeRetries = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = Math.Max(1, options.StoreRetries),
                Delay = options.StoreRetryDelay,
                OnRetry = args =>
                {
                    _lastError = args.Outcome.Exception?.Message;
                    _logger.LogWarning(args.Outcome.Exception, "Projection {Projection}: store call failed, retry {Attempt}", Name, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        _handlerRetries = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = Math.Max(1, options.HandlerRetries),
                Delay = options.HandlerRetryDelay,
            })
            .Build();
    }

    public string Name => _projection.Name;

    public GlobalPosition? Checkpoint => _committed.Committed;

    public ProjectorState State => _state;

    public Task WaitForPositionAsync(GlobalPosition position, CancellationToken cancellationToken) =>
        _committed.WaitAsync(position, cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        _state = ProjectorState.Running;
        _logger.LogInformation("Projection {Projection} starting", Name);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    while (_commands.Reader.TryRead(out var command))
                    {
                        await PerformAsync(command, cancellationToken).ConfigureAwait(false);
                    }

                    if (_paused)
                    {
                        _state = ProjectorState.Paused;
                        await CommandPosted().WaitAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    await FollowAsync(cancellationToken).ConfigureAwait(false);
                    failures = 0;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    failures++;
                    _state = ProjectorState.Faulted;
                    _lastError = ex.Message;
                    var delay = Backoff(failures);
                    _logger.LogError(ex, "Projection {Projection} failed (attempt {Attempt}); resubscribing from its stored checkpoint in {Delay}", Name, failures, delay);
                    await Task.WhenAny(Task.Delay(delay, _clock, cancellationToken), CommandPosted().WaitAsync(cancellationToken)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _state = ProjectorState.Stopped;
            _logger.LogInformation("Projection {Projection} stopped at {Checkpoint}", Name, _committed.Committed);
        }
    }

    /// <summary>A task that completes when a command is posted (already completed when one is waiting).</summary>
    private Task CommandPosted()
    {
        var signal = Volatile.Read(ref _commandPosted);
        if (signal.Task.IsCompleted && !_commands.Reader.TryPeek(out _))
        {
            Interlocked.CompareExchange(ref _commandPosted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), signal);
            signal = Volatile.Read(ref _commandPosted);
            if (_commands.Reader.TryPeek(out _))
            {
                signal.TrySetResult();
            }
        }

        return signal.Task;
    }

    private async Task<int> PostAsync(ProjectorCommand command, CancellationToken cancellationToken)
    {
        _commands.Writer.TryWrite(command);
        Volatile.Read(ref _commandPosted).TrySetResult();
        return await command.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private TimeSpan Backoff(int failures)
    {
        var exponential = _options.ResubscribeDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = Math.Min(exponential, _options.MaxResubscribeDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    /// <summary>One subscription: from the stored checkpoint until cancelled, dropped, or a command needs the loop.</summary>
    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await _storeRetries.ExecuteAsync(ct => new ValueTask<GlobalPosition?>(_store.ReadCheckpointAsync(ct)), cancellationToken).ConfigureAwait(false);
        _committed.Advance(checkpoint);
        await LoadParkedAsync(cancellationToken).ConfigureAwait(false);
        if (_state is not ProjectorState.Rebuilding)
        {
            _state = ProjectorState.Running;
        }

        using var subscription = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var buffer = Channel.CreateBounded<SubscriptionMessage>(new BoundedChannelOptions(_options.MaxBatchSize * 2)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var pump = PumpAsync(checkpoint, buffer.Writer, subscription.Token);
        try
        {
            var batch = new List<SubscriptionMessage>(_options.MaxBatchSize);
            while (await ReadBatchAsync(buffer.Reader, batch, cancellationToken).ConfigureAwait(false))
            {
                await ApplyBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        finally
        {
            await subscription.CancelAsync().ConfigureAwait(false);
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task PumpAsync(GlobalPosition? checkpoint, ChannelWriter<SubscriptionMessage> writer, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            await foreach (var message in _events.SubscribeToAllAsync(SubscriptionStart.From(checkpoint), _filter, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete(cancellationToken.IsCancellationRequested ? null : new SubscriptionDroppedException(Name));
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }

    /// <summary>Fills <paramref name="batch"/>; false when a command is waiting for the loop.</summary>
    private async Task<bool> ReadBatchAsync(ChannelReader<SubscriptionMessage> reader, List<SubscriptionMessage> batch, CancellationToken cancellationToken)
    {
        SubscriptionMessage? first;
        while (!reader.TryRead(out first))
        {
            if (_commands.Reader.TryPeek(out _))
            {
                return false;
            }

            var posted = CommandPosted();
            if (posted.IsCompleted)
            {
                continue;
            }

            var more = reader.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(more, posted.WaitAsync(cancellationToken)).ConfigureAwait(false);
            if (more.IsCompleted && !await more.ConfigureAwait(false))
            {
                throw new SubscriptionDroppedException(Name);
            }

            if (!more.IsCompleted)
            {
                // A command is waiting: the subscription is cancelled by the caller, so this wait ends with it.
                return false;
            }
        }

        batch.Add(first);
        var deadline = _clock.GetTimestamp();
        while (batch.Count < _options.MaxBatchSize)
        {
            if (reader.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }

            var remaining = _options.MaxBatchDelay - _clock.GetElapsedTime(deadline);
            if (remaining <= TimeSpan.Zero || _commands.Reader.TryPeek(out _))
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
}
