namespace Leads.Search;

/// <summary>
/// A name, email or phone a lead has had: the value as it was written, the normal form search compares
/// (<see cref="SearchText"/>), and whether it is the lead's current value or a historical one.
/// </summary>
public sealed record KnownValue(string Value, string Key, bool IsCurrent);
