using System.Threading.Channels;

namespace Leads.EventStore.ContractTests;

/// <summary>
/// Drains a subscription in the background so a test can wait, with a deadline, for what it expects. Every message
/// received is kept in <see cref="Seen"/>.
/// </summary>
public sealed class SubscriptionProbe : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly CancellationTokenSource _stop;
    private readonly Channel<SubscriptionMessage> _messages = Channel.CreateUnbounded<SubscriptionMessage>();
    private readonly List<SubscriptionMessage> _seen = [];

    private SubscriptionProbe(IAsyncEnumerable<SubscriptionMessage> subscription, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Pump = PumpAsync(subscription, _stop.Token);
    }

    /// <summary>Completes when the subscription's enumeration ends; faults with whatever it threw.</summary>
    public Task Pump { get; }

    public IReadOnlyList<SubscriptionMessage> Seen => _seen;

    public static SubscriptionProbe Start(IEventStore store, SubscriptionStart start, SubscriptionFilter filter) =>
        new(store.SubscribeToAllAsync(start, filter, TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);

    public async Task<SubscriptionMessage> NextAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var message = await _messages.Reader.ReadAsync(deadline.Token);
            _seen.Add(message);
            return message;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No subscription message within {Deadline}; seen so far: {_seen.Count} messages.");
        }
    }

    /// <summary>Reads until the caught-up signal; returns the events delivered before it.</summary>
    public async Task<List<RecordedEvent>> WaitForCaughtUpAsync()
    {
        var events = new List<RecordedEvent>();
        while (true)
        {
            switch (await NextAsync())
            {
                case SubscriptionMessage.CaughtUp:
                    return events;
                case SubscriptionMessage.Event e:
                    events.Add(e.Recorded);
                    break;
            }
        }
    }

    /// <summary>Reads until <paramref name="count"/> events satisfying <paramref name="relevant"/> arrived; returns them in order.</summary>
    public async Task<List<RecordedEvent>> WaitForEventsAsync(Func<RecordedEvent, bool> relevant, int count)
    {
        var events = new List<RecordedEvent>();
        while (events.Count < count)
        {
            if (await NextAsync() is SubscriptionMessage.Event e && relevant(e.Recorded))
            {
                events.Add(e.Recorded);
            }
        }

        return events;
    }

    /// <summary>Reads until a checkpoint at or past <paramref name="position"/> arrives; returns it.</summary>
    public async Task<GlobalPosition> WaitForCheckpointAsync(GlobalPosition position)
    {
        while (true)
        {
            if (await NextAsync() is SubscriptionMessage.Checkpoint c && c.Position >= position)
            {
                return c.Position;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Pump;
        }
        catch (OperationCanceledException)
        {
            // Tolerated here; the cancellation contract test checks the clean end on its own.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(IAsyncEnumerable<SubscriptionMessage> subscription, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in subscription.WithCancellation(cancellationToken))
            {
                await _messages.Writer.WriteAsync(message, CancellationToken.None);
            }

            _messages.Writer.TryComplete();
        }
        catch (Exception error)
        {
            _messages.Writer.TryComplete(error);
            throw;
        }
    }
}
