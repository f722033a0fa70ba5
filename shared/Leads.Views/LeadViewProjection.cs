using Leads.Domain;
using Leads.Domain.Events;
using Leads.Projections;

namespace Leads.Views;

/// <summary>
/// The lead view: <c>LeadView + event -> LeadView</c> with the domain's own <see cref="LeadState.Evolve"/> (so leaving
/// Follow-up clears the date here too), plus revision, position and the recorded times. LeadForgotten erases the name,
/// email and phone (they read as <see cref="PersonalData.Erased"/>).
/// </summary>
public static class LeadViewProjection
{
    public const string Name = "lead-view";

    public static Projection<LeadView> Definition { get; } =
        new ProjectionBuilder<LeadView>(Name, stream => LeadView.Empty(LeadEventDecoder.LeadIdOf(stream)), LeadEventDecoder.Decode)
            .On<LeadWasInitialized>((view, e, ctx) => Evolve(view, e) with { CreatedAt = ctx.Created })
            .On<NameChanged>((view, e, _) => Evolve(view, e))
            .On<ContactInfoChanged>((view, e, _) => Evolve(view, e))
            .On<StatusChanged>((view, e, _) => Evolve(view, e))
            .On<FollowupSet>((view, e, _) => Evolve(view, e))
            .On<LeadForgotten>((view, e, _) => Evolve(view, e))
            .AfterEach((view, ctx) => view with { Revision = ctx.StreamRevision, Position = ctx.Position, UpdatedAt = ctx.Created })
            .Build();

    private static LeadView Evolve(LeadView view, ILeadEvent e) => view.With(LeadState.Evolve(view.ToState(), e));
}
