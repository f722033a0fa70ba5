using Leads.EventStore;

namespace Leads.Projections;

/// <summary>Reads a projection's committed checkpoint from its store (read-your-writes from another process).</summary>
public interface ICheckpointReader
{
    /// <summary>The position up to which the projection's data is written; null before the first batch.</summary>
    Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken);
}
