using Leads.EventStore;

namespace Leads.Projections;

/// <summary>One batch: the documents it changed, the events it parked and the checkpoint after it. A store writes all
/// of it in one transaction (embedded engines) or the checkpoint after the rest succeeded (others).</summary>
public sealed record ProjectionCommit<TDoc>(
    IReadOnlyList<DocumentWrite<TDoc>> Documents,
    IReadOnlyList<ParkedEvent> Parked,
    GlobalPosition Checkpoint)
    where TDoc : class;
