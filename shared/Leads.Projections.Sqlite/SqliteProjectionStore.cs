using Leads.EventStore;
using Microsoft.Data.Sqlite;

namespace Leads.Projections.Sqlite;

/// <summary>
/// A projection's store in a SQLite file: its documents (<see cref="ISqliteProjectionDocuments{TDoc}"/>, the adapter's
/// part) and its checkpoint and parked events (<see cref="SqliteProjectionLedger"/>, shared by every SQLite projection).
/// Every write is one transaction: a batch's documents, parked events and checkpoint; a rewind; a parked replay. After a
/// batch that erased personal data, and after a rewind, the write-ahead log is truncated (<see cref="Leads.Sqlite.SqliteFile.TruncateLog"/>):
/// with the file's secure deletion that leaves no copy of the erased rows on disk. A truncation a reader held up is
/// tried again after the next write.
/// </summary>
/// <param name="writerCacheMegabytes">
/// Page cache of the connections the projector loads and writes documents through (0: SQLite's 2 MB). A rebuild over an
/// interleaved log touches pages all over the documents' tables and indexes; with the pages in memory SQLite stops
/// re-reading them from the file for each batch. Readers (the query side) keep SQLite's default.
/// </param>
public sealed class SqliteProjectionStore<TDoc>(
    Func<SqliteConnection> open, ISqliteProjectionDocuments<TDoc> documents, SqliteProjectionLedger ledger, int writerCacheMegabytes = 0)
    : IProjectionStore<TDoc>
    where TDoc : class
{
    private readonly string? _writerPragma = writerCacheMegabytes > 0
        ? $"PRAGMA cache_size=-{writerCacheMegabytes * 1024};"
        : null;

    private bool _truncationPending;

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) =>
        ReadAsync(ledger.ReadCheckpoint, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        ReadAsync(c => ledger.ListParked(c, streamId), cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        ReadAsync(ledger.CountParked, cancellationToken);

    public bool KeepsDocuments => documents.KeepsDocuments;

    public Task<IReadOnlyDictionary<string, StoredDocument<TDoc>>> LoadAsync(IReadOnlyCollection<string> streamIds, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenForWriter();
        return Task.FromResult(documents.Load(connection, streamIds));
    }

    public Task<IReadOnlyList<string>> ListStreamsChangedSinceAsync(GlobalPosition from, CancellationToken cancellationToken) =>
        ReadAsync(c => documents.ListChangedSince(c, from), cancellationToken);

    public Task<GlobalPosition?> ReadLastPositionBeforeAsync(GlobalPosition before, CancellationToken cancellationToken) =>
        ReadAsync(c => Later(documents.LastChangeBefore(c, before), ledger.LastParkedBefore(c, before)), cancellationToken);

    public Task CommitAsync(ProjectionCommit<TDoc> commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return WriteAsync(transaction =>
        {
            documents.Write(transaction, commit.Documents);
            ledger.Park(transaction, commit.Parked, replace: false);
            ledger.Advance(transaction, commit.Checkpoint);
        }, documents.Erases(commit.Documents), cancellationToken);
    }

    public Task RewindAsync(ProjectionRewind<TDoc> rewind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewind);
        return WriteAsync(transaction =>
        {
            documents.Rewind(transaction, rewind);
            ledger.Rewind(transaction, rewind.From, rewind.Checkpoint);
        }, truncateLog: true, cancellationToken);
    }

    public Task CompleteParkedReplayAsync(ParkedReplay<TDoc> replay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return WriteAsync(transaction =>
        {
            if (replay.Document is { } document)
            {
                documents.Write(transaction, [document]);
            }

            ledger.Unpark(transaction, replay.Applied);
            if (replay.StillFailing is { } failing)
            {
                ledger.Park(transaction, [failing], replace: true);
            }
        }, truncateLog: false, cancellationToken);
    }

    private static GlobalPosition? Later(GlobalPosition? a, GlobalPosition? b) => a is { } x && (b is not { } y || x > y) ? a : b;

    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = open();
        return Task.FromResult(read(connection));
    }

    private Task WriteAsync(Action<SqliteTransaction> write, bool truncateLog, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = OpenForWriter();
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            write(transaction);
            transaction.Commit();
        }

        if (truncateLog || _truncationPending)
        {
            _truncationPending = !Leads.Sqlite.SqliteFile.TruncateLog(connection);
        }

        return Task.CompletedTask;
    }

    /// <summary>A connection for the projector's own loads and writes, with the writer's page cache.</summary>
    private SqliteConnection OpenForWriter()
    {
        var connection = open();
        if (_writerPragma is not null)
        {
            Leads.Sqlite.SqliteFile.Execute(connection, _writerPragma);
        }

        return connection;
    }
}
