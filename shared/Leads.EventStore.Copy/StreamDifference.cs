namespace Leads.EventStore.Copy;

/// <summary>One stream that is not the same on both sides, and how.</summary>
public sealed record StreamDifference(string StreamId, string What);
