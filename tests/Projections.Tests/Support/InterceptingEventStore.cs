using System.Runtime.CompilerServices;
using Leads.EventStore;

namespace Projections.Tests.Support;

/// <summary>An event store wrapper that records subscriptions and delivered events, and can drop a subscription once.</summary>
public sealed class InterceptingEventStore(IEventStore inner) : DelegatingEventStore(inner)
{
    private int _dropAfter = -1;

    public List<SubscriptionStart> Subscriptions { get; } = [];

    public List<GlobalPosition> Delivered { get; } = [];

    /// <summary>The next subscription fails after delivering this many events (a dropped connection).</summary>
    public void DropOnceAfter(int events) => _dropAfter = events;

    public override async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(
        SubscriptionStart start, SubscriptionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        lock (Subscriptions)
        {
            Subscriptions.Add(start);
        }

        var dropAfter = Interlocked.Exchange(ref _dropAfter, -1);
        var delivered = 0;
        await foreach (var message in Inner.SubscribeToAllAsync(start, filter, cancellationToken))
        {
            if (message is SubscriptionMessage.Event e)
            {
                if (dropAfter >= 0 && delivered++ == dropAfter)
                {
                    throw new IOException("injected subscription drop");
                }

                lock (Delivered)
                {
                    Delivered.Add(e.Recorded.Position);
                }
            }

            yield return message;
        }
    }
}
