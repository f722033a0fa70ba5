namespace Leads.EventStore;

/// <summary>What a catch-up subscription yields, in order: events, checkpoints, and once the "caught up" signal.</summary>
public abstract record SubscriptionMessage
{
    private SubscriptionMessage()
    {
    }

    public sealed record Event(RecordedEvent Recorded) : SubscriptionMessage;

    /// <summary>
    /// Everything up to <paramref name="Position"/> has been scanned (matched or filtered out): a projector may store
    /// it as its checkpoint even when nothing matched.
    /// </summary>
    public sealed record Checkpoint(GlobalPosition Position) : SubscriptionMessage;

    /// <summary>The subscription has delivered every event that existed when it started; live events follow.</summary>
    public sealed record CaughtUp(GlobalPosition? Position) : SubscriptionMessage;
}
