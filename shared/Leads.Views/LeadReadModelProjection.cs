using Leads.Projections;

namespace Leads.Views;

/// <summary>The view projector's projection: the lead view and the status log, fed by the same events.</summary>
public static class LeadReadModelProjection
{
    /// <summary>The name ops see (ProjectionAdmin, checkpoints, parked events).</summary>
    public const string Name = "lead-views";

    public static Projection<LeadReadModel> Definition { get; } =
        new ProjectionBuilder<LeadReadModel>(Name, stream => LeadReadModel.Empty(LeadEventDecoder.LeadIdOf(stream)), LeadEventDecoder.Decode)
            .Include(LeadViewProjection.Definition, m => m.View, (m, view) => m with { View = view })
            .Include(StatusLogProjection.Definition, m => m.StatusLog, (m, log) => m with { StatusLog = log })
            .Build();
}
