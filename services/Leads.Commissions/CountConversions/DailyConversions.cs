namespace Leads.Commissions.CountConversions;

/// <summary>How many leads converted on one day (UTC, by the conversion's recorded time).</summary>
public sealed record DailyConversions(DateOnly Day, long Conversions);
