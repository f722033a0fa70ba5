namespace Leads.EventStore;

/// <summary>A server-side filter on event-type or stream-name prefixes. System events are always excluded.</summary>
public sealed record SubscriptionFilter(SubscriptionFilterKind Kind, IReadOnlyList<string> Prefixes)
{
    public static SubscriptionFilter None { get; } = new(SubscriptionFilterKind.None, []);

    public static SubscriptionFilter StreamPrefix(params string[] prefixes) => new(SubscriptionFilterKind.StreamPrefix, prefixes);

    public static SubscriptionFilter EventTypePrefix(params string[] prefixes) => new(SubscriptionFilterKind.EventTypePrefix, prefixes);

    public bool Matches(RecordedEvent e)
    {
        if (e.IsSystemEvent)
        {
            return false;
        }

        return Kind switch
        {
            SubscriptionFilterKind.StreamPrefix => Prefixes.Any(p => e.StreamId.StartsWith(p, StringComparison.Ordinal)),
            SubscriptionFilterKind.EventTypePrefix => Prefixes.Any(p => e.EventType.StartsWith(p, StringComparison.Ordinal)),
            _ => true,
        };
    }
}

public enum SubscriptionFilterKind
{
    None,
    StreamPrefix,
    EventTypePrefix,
}
