namespace Leads.EventStore.Copy;

/// <summary>The target holds the source's events up to <paramref name="Position"/>: <paramref name="Events"/> of them.</summary>
public sealed record CopyState(GlobalPosition Position, long Events);
