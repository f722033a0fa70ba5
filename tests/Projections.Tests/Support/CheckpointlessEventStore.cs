using System.Runtime.CompilerServices;
using Leads.EventStore;

namespace Projections.Tests.Support;

/// <summary>
/// An event store whose subscriptions pass on no checkpoint, as an EventStoreDB node sends none for fewer than
/// window x multiplier scanned events: a projector must reach its targets on the events it receives.
/// </summary>
public sealed class CheckpointlessEventStore(IEventStore inner) : DelegatingEventStore(inner)
{
    public override async IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(
        SubscriptionStart start, SubscriptionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in Inner.SubscribeToAllAsync(start, filter, cancellationToken))
        {
            if (message is not SubscriptionMessage.Checkpoint)
            {
                yield return message;
            }
        }
    }
}
