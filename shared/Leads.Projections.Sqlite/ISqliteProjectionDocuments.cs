using Leads.EventStore;
using Microsoft.Data.Sqlite;

namespace Leads.Projections.Sqlite;

/// <summary>
/// The documents of one projection in a SQLite file: all an adapter writes itself. <see cref="SqliteProjectionStore{TDoc}"/>
/// adds the checkpoint and parked events (<see cref="SqliteProjectionLedger"/>) and runs every write in one transaction
/// with them.
/// </summary>
public interface ISqliteProjectionDocuments<TDoc>
    where TDoc : class
{
    /// <summary>Whether <see cref="Load"/> returns what <see cref="Write"/> wrote (<see cref="IProjectionStore{TDoc}.KeepsDocuments"/>).</summary>
    bool KeepsDocuments { get; }

    /// <summary>The documents of these streams that exist.</summary>
    IReadOnlyDictionary<string, StoredDocument<TDoc>> Load(SqliteConnection connection, IReadOnlyCollection<string> streamIds);

    /// <summary>Writes documents, skipping each one whose stored position is at or past the write's.</summary>
    void Write(SqliteTransaction transaction, IReadOnlyList<DocumentWrite<TDoc>> documents);

    /// <summary>The streams whose document was last changed at or after <paramref name="from"/>.</summary>
    IReadOnlyList<string> ListChangedSince(SqliteConnection connection, GlobalPosition from);

    /// <summary>The latest position below <paramref name="before"/> at which a document was changed.</summary>
    GlobalPosition? LastChangeBefore(SqliteConnection connection, GlobalPosition before);

    /// <summary>Deletes every document (<see cref="ProjectionRewind{TDoc}.From"/> null), or puts the rewound ones back and deletes what lies at or after it.</summary>
    void Rewind(SqliteTransaction transaction, ProjectionRewind<TDoc> rewind);

    /// <summary>
    /// These writes erase personal data (a forgotten lead's document): after committing them the store truncates the
    /// file's write-ahead log, so the rows as they were before the erasure do not stay on disk in older log frames.
    /// </summary>
    bool Erases(IReadOnlyList<DocumentWrite<TDoc>> documents) => false;
}
