namespace Leads.Privacy;

/// <summary>The tombstone of a deleted key: whose, when, by whom and why (the key store's part of an erasure receipt).</summary>
public sealed record KeyErasure(long LeadId, DateTimeOffset ErasedAt, string ErasedBy, string Reason);
