namespace Leads.Projections;

/// <summary>
/// Which event store each projection's data and checkpoint were built from (<see cref="EventStore.IEventStore.ReadStoreIdAsync"/>).
/// A checkpoint is a position in one store's log: after the system moved to another store (<c>leads store copy</c>) it
/// means nothing there, and a projector that followed it would silently skip or re-apply events.
/// </summary>
public interface ICheckpointOrigins
{
    /// <summary>The store the projection was built from; null when none was recorded yet.</summary>
    Task<string?> ReadAsync(string projection, CancellationToken cancellationToken);

    Task RecordAsync(string projection, string storeId, CancellationToken cancellationToken);
}
