using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;

namespace Leads.Analytics;

/// <summary>
/// The <c>lead-analytics</c> projection: one <see cref="LeadTimeline"/> per lead stream, from the lead events alone.
/// Times are the events' recorded times, so a replay rebuilds the same timelines.
/// </summary>
public static class LeadAnalyticsProjection
{
    public const string Name = "lead-analytics";

    public static Projection<LeadTimeline> Definition { get; } =
        new ProjectionBuilder<LeadTimeline>(Name, LeadTimeline.Empty, Decode)
            .SubscribeTo(SubscriptionFilter.StreamPrefix(LeadStream.Prefix))
            .On<LeadWasInitialized>((t, e, ctx) => t.Created(ctx.Created) with { LeadId = e.LeadId })
            .On<LeadDetailsChanged>((t, _, ctx) => t.Created(ctx.Created))
            .On<StatusChanged>((t, e, ctx) => t.ChangeStatus(e.Status, ctx.Created))
            .On<FollowupSet>((t, e, ctx) => t.ScheduleFollowup(e.FollowupOn, ctx.Created))
            .On<LeadForgotten>((t, _, ctx) => t.Created(ctx.Created) with { Forgotten = true })
            .AfterEach((t, ctx) => t.CountCommand(ctx.Created, ctx.Metadata.UserId, ctx.Metadata.CommandId))
            .Build();

    /// <summary>Lead events as stored; those with personal data become <see cref="LeadDetailsChanged"/> unread.</summary>
    public static object? Decode(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return LeadEventTypes.CarriesPersonalData(recorded.EventType)
            ? new LeadDetailsChanged()
            : LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span);
    }
}
