namespace Leads.EventStore.Copy;

/// <summary>What a copy takes and how it runs.</summary>
public sealed record StoreCopyOptions
{
    /// <summary>The lead streams: the platform's whole history (system events never come through any filter).</summary>
    public static SubscriptionFilter LeadStreams { get; } = SubscriptionFilter.StreamPrefix("lead-");

    public SubscriptionFilter Filter { get; init; } = LeadStreams;

    /// <summary>At most this many consecutive events of one stream go in one append.</summary>
    public int MaxEventsPerAppend { get; init; } = 500;

    /// <summary>Keep copying events written to the source after the copy caught up, until cancelled (for switching over).</summary>
    public bool Follow { get; init; }
}
