using System.Threading.Channels;
using Leads.EventStore;

namespace Leads.Projections.Runtime;

/// <summary>
/// One catch-up subscription from a checkpoint, read ahead into a bounded buffer so that the next batch arrives while
/// one is committed. The buffer completes with <see cref="SubscriptionDroppedException"/> when the store ends the
/// subscription; disposing cancels it.
/// </summary>
internal sealed class SubscriptionPump : IAsyncDisposable
{
    private readonly CancellationTokenSource _subscription;
    private readonly Channel<SubscriptionMessage> _buffer;
    private readonly Task _pump;

    private SubscriptionPump(IEventStore events, SubscriptionFilter filter, GlobalPosition? checkpoint, int capacity, string projection, CancellationToken cancellationToken)
    {
        _subscription = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _buffer = Channel.CreateBounded<SubscriptionMessage>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _pump = PumpAsync(events, filter, checkpoint, projection, _subscription.Token);
    }

    public ChannelReader<SubscriptionMessage> Messages => _buffer.Reader;

    public static SubscriptionPump Start(
        IEventStore events, SubscriptionFilter filter, GlobalPosition? checkpoint, int capacity, string projection, CancellationToken cancellationToken) =>
        new(events, filter, checkpoint, capacity, projection, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _subscription.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _subscription.Dispose();
    }

    private async Task PumpAsync(IEventStore events, SubscriptionFilter filter, GlobalPosition? checkpoint, string projection, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var writer = _buffer.Writer;
        try
        {
            await foreach (var message in events.SubscribeToAllAsync(SubscriptionStart.From(checkpoint), filter, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete(cancellationToken.IsCancellationRequested ? null : new SubscriptionDroppedException(projection));
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
