namespace Leads.EventStore;

/// <summary>Where a catch-up subscription to all events begins. <see cref="After"/> is exclusive.</summary>
public readonly record struct SubscriptionStart
{
    private SubscriptionStart(SubscriptionStartKind kind, GlobalPosition position)
    {
        Kind = kind;
        Position = position;
    }

    public SubscriptionStartKind Kind { get; }
    public GlobalPosition Position { get; }

    public static SubscriptionStart FromStart { get; } = new(SubscriptionStartKind.Start, GlobalPosition.Start);

    /// <summary>Live only: events appended after the subscription is established.</summary>
    public static SubscriptionStart FromEnd { get; } = new(SubscriptionStartKind.End, GlobalPosition.Start);

    /// <summary>Events strictly after <paramref name="checkpoint"/>.</summary>
    public static SubscriptionStart After(GlobalPosition checkpoint) => new(SubscriptionStartKind.After, checkpoint);

    /// <summary>From a stored checkpoint, or from the start when there is none.</summary>
    public static SubscriptionStart From(GlobalPosition? checkpoint) => checkpoint is { } p ? After(p) : FromStart;
}

public enum SubscriptionStartKind
{
    Start,
    End,
    After,
}
