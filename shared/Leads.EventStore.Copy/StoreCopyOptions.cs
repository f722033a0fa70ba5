namespace Leads.EventStore.Copy;

/// <summary>What a copy takes and how it runs.</summary>
public sealed record StoreCopyOptions
{
    /// <summary>
    /// The platform's whole history: the lead streams, and the command keys the command service reserves and records
    /// (<c>command-</c>), so that a command retried after the switch is still recognised. Not the store's identity, nor
    /// system events.
    /// </summary>
    public static SubscriptionFilter History { get; } = SubscriptionFilter.StreamPrefix("lead-", "command-");

    public SubscriptionFilter Filter { get; init; } = History;

    /// <summary>At most this many consecutive events of one stream go in one append.</summary>
    public int MaxEventsPerAppend { get; init; } = 500;

    /// <summary>Keep copying events written to the source after the copy caught up, until cancelled (for switching over).</summary>
    public bool Follow { get; init; }
}
