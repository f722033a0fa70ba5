namespace Leads.EventStore.Copy;

/// <summary>What <c>--verify</c> found: the totals on both sides and every stream that differs.</summary>
public sealed record StoreComparisonResult(int SourceStreams, long SourceEvents, int TargetStreams, long TargetEvents, IReadOnlyList<StreamDifference> Differences)
{
    public bool Identical => Differences.Count == 0;
}
