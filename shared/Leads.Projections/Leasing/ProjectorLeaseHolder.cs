namespace Leads.Projections.Leasing;

/// <summary>The holder of a projection's lease and when it expires unless renewed.</summary>
public sealed record ProjectorLeaseHolder(string Projection, string Owner, DateTimeOffset ExpiresAt);
