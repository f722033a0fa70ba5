using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// How far a projection is behind, measured the same way by the projector, the query service and the metrics, on
/// either store. <see cref="Head"/> is the last event the projection would receive (the last one matching its
/// filter, not the head of the store, which system events move on EventStoreDB). <see cref="Events"/> counts the
/// matching events after the checkpoint, up to <see cref="CountLimit"/> (<see cref="EventsCapped"/>: at least that
/// many). <see cref="Seconds"/> is the age of the oldest event not applied yet, 0 when caught up.
/// </summary>
public sealed record ProjectionLag(GlobalPosition? Head, ulong Events, bool EventsCapped, double Seconds)
{
    /// <summary>Counting stops here: beyond it the number says little and costs a long read.</summary>
    public const long CountLimit = 10_000;

    public static ProjectionLag None(GlobalPosition? head) => new(head, 0, false, 0);

    public static async Task<ProjectionLag> ReadAsync(
        IEventStore events, SubscriptionFilter filter, GlobalPosition? checkpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(filter);
        var head = await events.ReadHeadPositionAsync(filter, cancellationToken).ConfigureAwait(false);
        if (head is not { } h || (checkpoint is { } c && c >= h))
        {
            return None(head);
        }

        var count = await events.CountAsync(checkpoint, filter, CountLimit, cancellationToken).ConfigureAwait(false);
        var seconds = 0.0;
        await foreach (var oldest in events.ReadAllAsync(checkpoint, 1, filter, cancellationToken).ConfigureAwait(false))
        {
            seconds = Math.Max(0, (now - oldest.Created).TotalSeconds);
        }

        return new ProjectionLag(head, (ulong)count, count >= CountLimit, seconds);
    }
}
