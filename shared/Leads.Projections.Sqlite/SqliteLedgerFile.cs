using Leads.EventStore;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.Projections.Sqlite;

/// <summary>
/// The store of a projection that keeps no documents of its own (the integration publisher: what it writes goes to the
/// message broker): only its checkpoint and parked events, in the same tables as every SQLite projection
/// (<see cref="SqliteProjectionLedger"/>), in a file of its own kept with full durability. Opening the file first moves
/// in what versions before the shared ledger kept there (<see cref="EarlierPublisherTables"/>), so an upgrade resumes
/// from the same checkpoint.
/// </summary>
public sealed class SqliteLedgerFile : ICheckpointReader, IParkedEventReader
{
    private readonly SqliteFile _file;
    private readonly SqliteProjectionLedger _ledger;

    public SqliteLedgerFile(string path, string projection)
    {
        _file = new SqliteFile(path, SqliteProjectionLedger.Schema, SqliteDurability.Full);
        _ledger = new SqliteProjectionLedger(projection);
        using var connection = _file.Open();
        EarlierPublisherTables.MoveIntoLedger(connection);
    }

    public string Path => _file.Path;

    public string Projection => _ledger.Projection;

    /// <summary>The projection's store over this file: a batch, a rewind or a parked replay writes the ledger alone.</summary>
    public IProjectionStore<TDoc> Store<TDoc>()
        where TDoc : class =>
        new SqliteProjectionStore<TDoc>(_file.Open, NoDocuments<TDoc>.Instance, _ledger);

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => ReadAsync(_ledger.ReadCheckpoint, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) =>
        ReadAsync(c => _ledger.ListParked(c, streamId), cancellationToken);

    public Task<int> CountParkedAsync(CancellationToken cancellationToken) => ReadAsync(_ledger.CountParked, cancellationToken);

    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = _file.Open();
        return Task.FromResult(read(connection));
    }

    /// <summary>No documents: what the projection makes leaves the process (and is not read back).</summary>
    private sealed class NoDocuments<TDoc> : ISqliteProjectionDocuments<TDoc>
        where TDoc : class
    {
        public static readonly NoDocuments<TDoc> Instance = new();

        private static readonly IReadOnlyDictionary<string, StoredDocument<TDoc>> Nothing = new Dictionary<string, StoredDocument<TDoc>>();

        public bool KeepsDocuments => false;

        public IReadOnlyDictionary<string, StoredDocument<TDoc>> Load(SqliteConnection connection, IReadOnlyCollection<string> streamIds) => Nothing;

        public void Write(SqliteTransaction transaction, IReadOnlyList<DocumentWrite<TDoc>> documents)
        {
        }

        public IReadOnlyList<string> ListChangedSince(SqliteConnection connection, GlobalPosition from) => [];

        public GlobalPosition? LastChangeBefore(SqliteConnection connection, GlobalPosition before) => null;

        public void Rewind(SqliteTransaction transaction, ProjectionRewind<TDoc> rewind)
        {
        }
    }
}
