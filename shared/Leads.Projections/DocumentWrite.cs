using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// A document to write. <paramref name="PreviousPosition"/> is the position the store held before (null for a new
/// document): a store keeping append-only parts (a status log) writes only what lies after it. The store must skip
/// the write when it already holds <paramref name="Position"/> or later (idempotency by position).
/// </summary>
public sealed record DocumentWrite<TDoc>(string StreamId, TDoc Document, GlobalPosition Position, GlobalPosition? PreviousPosition)
    where TDoc : class;
