namespace Leads.Views;

/// <summary>One page of leads; <paramref name="NextPageToken"/> is null on the last page.</summary>
public sealed record LeadPage(IReadOnlyList<LeadView> Leads, string? NextPageToken);
