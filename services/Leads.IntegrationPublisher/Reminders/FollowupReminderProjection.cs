using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// The reminder process's projection: per lead, the follow-up whose date a reminder is pending for. A FollowupSet
/// replaces it (a changed date is a new deadline, the old one's reminders are cancelled), a status change or an erasure
/// clears it. Only these events are decoded; none of them carries personal data, so no key is needed.
/// </summary>
public static class FollowupReminderProjection
{
    /// <summary>The name ops see (ProjectionAdmin, checkpoint, lease).</summary>
    public const string Name = "followup-reminders";

    public static Projection<FollowupDeadline> Definition { get; } =
        new ProjectionBuilder<FollowupDeadline>(Name, stream => FollowupDeadline.None(LeadIdOf(stream)), Decode)
            .SubscribeTo(SubscriptionFilter.StreamPrefix(LeadStream.Prefix))
            .On<FollowupSet>((deadline, e, ctx) => deadline with { Pending = new PendingFollowup(ctx.EventId, ctx.Position, ctx.Created, e.FollowupOn) })
            .On<StatusChanged>((deadline, e, _) => e.Status == LeadStatus.FollowUp ? deadline : deadline with { Pending = null })
            .On<LeadForgotten>((deadline, _, _) => deadline with { Pending = null })
            .Build();

    public static long LeadIdOf(string streamId) => LeadStream.TryParseId(streamId, out var id) ? id : 0;

    private static object? Decode(RecordedEvent recorded) => recorded.EventType switch
    {
        LeadEventTypes.FollowupSet or LeadEventTypes.StatusChanged or LeadEventTypes.LeadForgotten =>
            LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span),
        _ => null,
    };
}
