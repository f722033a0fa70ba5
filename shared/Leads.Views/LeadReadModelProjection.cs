using Leads.Domain;
using Leads.EventStore;
using Leads.Privacy;
using Leads.Projections;

namespace Leads.Views;

/// <summary>The view projector's projection: the lead view and the status log, fed by the same events.</summary>
public static class LeadReadModelProjection
{
    /// <summary>The name ops see (ProjectionAdmin, checkpoints, parked events).</summary>
    public const string Name = "lead-views";

    /// <summary>The projection over events stored in the clear (tests and tools).</summary>
    public static Projection<LeadReadModel> Definition { get; } =
        Build(new ProjectionBuilder<LeadReadModel>(Name, Initial, LeadEventDecoder.Decode));

    /// <summary>The projection the view projector runs: events read through the codec, so erased data stays erased on every replay.</summary>
    public static Projection<LeadReadModel> For(LeadEventCodec codec) =>
        Build(new ProjectionBuilder<LeadReadModel>(Name, Initial, LeadEventDecoder.With(codec)).PrepareBatch(codec.PrefetchKeysAsync));

    private static LeadReadModel Initial(string streamId) => LeadReadModel.Empty(LeadEventDecoder.LeadIdOf(streamId));

    private static Projection<LeadReadModel> Build(ProjectionBuilder<LeadReadModel> builder) =>
        builder
            .SubscribeTo(SubscriptionFilter.StreamPrefix(LeadStream.Prefix))
            .Include(LeadViewProjection.Definition, m => m.View, (m, view) => m with { View = view })
            .Include(StatusLogProjection.Definition, m => m.StatusLog, (m, log) => m with { StatusLog = log })
            .Build();
}
