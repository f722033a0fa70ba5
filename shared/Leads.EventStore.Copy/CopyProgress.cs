namespace Leads.EventStore.Copy;

/// <summary>One append done: <paramref name="Events"/> more events are in the target, which now holds the source up to <paramref name="Position"/>.</summary>
public readonly record struct CopyProgress(int Events, GlobalPosition Position);
