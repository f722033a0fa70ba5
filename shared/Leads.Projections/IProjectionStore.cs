using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// Where one projection keeps its documents, its checkpoint and its parked events: the port each engine implements
/// (SQLite, MongoDB, Lucene...). The projector applies the pure projection; the store only loads and writes.
/// </summary>
public interface IProjectionStore<TDoc> : ICheckpointReader, IParkedEventReader
    where TDoc : class
{
    /// <summary>
    /// Whether <see cref="LoadAsync"/> returns the document a commit wrote, at its position, until something else changes
    /// it. Only then does the projector keep the documents it committed instead of loading them again
    /// (<see cref="ProjectorOptions.DocumentCacheSize"/>). A store whose documents live for one batch only (an outbox
    /// emptied once sent) says false, and every batch then loads from it. Each store decides; there is no default.
    /// </summary>
    bool KeepsDocuments { get; }

    /// <summary>The documents of these streams that exist.</summary>
    Task<IReadOnlyDictionary<string, StoredDocument<TDoc>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken);

    /// <summary>Writes a batch with its checkpoint. Document writes at or below the stored position are skipped.</summary>
    Task CommitAsync(ProjectionCommit<TDoc> commit, CancellationToken cancellationToken);

    /// <summary>The streams whose document was last changed at or after <paramref name="from"/>.</summary>
    Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken);

    /// <summary>
    /// The latest position below <paramref name="before"/> at which a document was changed or an event parked: where a
    /// reset's replay can resume without missing anything.
    /// </summary>
    Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken);

    /// <summary>Undoes everything at or after a position (or everything) and rewinds the checkpoint, atomically.</summary>
    Task RewindAsync(ProjectionRewind<TDoc> rewind, CancellationToken cancellationToken);

    /// <summary>Stores the outcome of replaying a stream's parked events, atomically.</summary>
    Task CompleteParkedReplayAsync(ParkedReplay<TDoc> replay, CancellationToken cancellationToken);
}
