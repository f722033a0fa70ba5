using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;

namespace Leads.Analytics;

/// <summary>
/// The <c>lead-analytics</c> projection: one <see cref="LeadTimeline"/> per lead stream, from the lead events alone.
/// Each event is dated by <see cref="At"/>: its business time (<see cref="EventMetadata.OccurredAt"/>, written for a
/// backfill) when it has one, else its recorded time; both are stored with the event, so a replay rebuilds the same
/// timelines.
/// </summary>
public static class LeadAnalyticsProjection
{
    public const string Name = "lead-analytics";

    public static Projection<LeadTimeline> Definition { get; } =
        new ProjectionBuilder<LeadTimeline>(Name, LeadTimeline.Empty, Decode)
            .SubscribeTo(SubscriptionFilter.StreamPrefix(LeadStream.Prefix))
            .On<LeadWasInitialized>((t, e, ctx) => t.Created(At(ctx)) with { LeadId = e.LeadId })
            .On<LeadDetailsChanged>((t, _, ctx) => t.Created(At(ctx)))
            .On<StatusChanged>((t, e, ctx) => t.ChangeStatus(e.Status, At(ctx)))
            .On<FollowupSet>((t, e, ctx) => t.ScheduleFollowup(e.FollowupOn, At(ctx)))
            .On<LeadForgotten>((t, _, ctx) => t.Created(At(ctx)) with { Forgotten = true })
            .AfterEach((t, ctx) => t.CountCommand(At(ctx), ctx.Metadata.UserId, ctx.Metadata.CommandId))
            .Build();

    /// <summary>When the event happened for analytics: the business time of a backfilled event, else the recorded time.</summary>
    public static DateTimeOffset At(EventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.OccurredAt ?? context.Created;
    }

    /// <summary>Lead events as stored; those with personal data become <see cref="LeadDetailsChanged"/> unread.</summary>
    public static object? Decode(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return LeadEventTypes.CarriesPersonalData(recorded.EventType)
            ? new LeadDetailsChanged()
            : LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span);
    }
}
