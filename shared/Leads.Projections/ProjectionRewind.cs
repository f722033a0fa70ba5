using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// A reset of part of a projection. <see cref="From"/> null means everything: delete every document and parked event
/// and clear the checkpoint. Otherwise every event at or after <see cref="From"/> is undone: <see cref="Documents"/>
/// holds the touched documents as they were just before it (replacing whatever is stored, or deleting it when the
/// document is null), parked events at or after it are removed and the checkpoint becomes <see cref="Checkpoint"/>.
/// </summary>
public sealed record ProjectionRewind<TDoc>(
    GlobalPosition? From,
    IReadOnlyList<RewoundDocument<TDoc>> Documents,
    GlobalPosition? Checkpoint)
    where TDoc : class
{
    public static ProjectionRewind<TDoc> Everything { get; } = new(null, [], null);
}

/// <summary>A document as it was before the reset position; null when the stream had no event before it.</summary>
public sealed record RewoundDocument<TDoc>(string StreamId, TDoc? Document, GlobalPosition? Position)
    where TDoc : class;
