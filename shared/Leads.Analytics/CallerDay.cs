namespace Leads.Analytics;

/// <summary>Commands a caller (the token subject in the events' metadata; "" when none was recorded) gave on a day (UTC).</summary>
public sealed record CallerDay(DateOnly Day, string Caller, int Commands);
