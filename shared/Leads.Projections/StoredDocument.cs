using Leads.EventStore;

namespace Leads.Projections;

/// <summary>A document as a store holds it, with the position of the last event applied to it.</summary>
public sealed record StoredDocument<TDoc>(string StreamId, TDoc Document, GlobalPosition Position)
    where TDoc : class;
