using System.Globalization;
using Leads.EventStore;
using Leads.Projections;
using Microsoft.Data.Sqlite;

namespace Leads.IntegrationPublisher.Checkpoints;

/// <summary>
/// The publisher's own small SQLite file (<c>integration-publisher.db</c> in the data directory): its checkpoint, which
/// only ever moves after the broker confirmed everything before it, and the events parked by the runtime. The query
/// service opens the same file to show the projection <see cref="ProjectionName"/> in ProjectionAdmin.
/// </summary>
public sealed class PublisherCheckpoints : ICheckpointReader, IParkedEventReader, IAsyncDisposable
{
    public const string FileName = "integration-publisher.db";

    /// <summary>The publisher's projection name in the control plane and in ProjectionAdmin.</summary>
    public const string ProjectionName = "integration-publisher";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _projection;

    public PublisherCheckpoints(string path, string projection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _projection = projection;
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA busy_timeout = 10000;
            CREATE TABLE IF NOT EXISTS checkpoints (
                projection TEXT PRIMARY KEY,
                commit_position INTEGER NOT NULL,
                prepare_position INTEGER NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS parked (
                projection TEXT NOT NULL,
                commit_position INTEGER NOT NULL,
                prepare_position INTEGER NOT NULL,
                stream_id TEXT NOT NULL,
                stream_revision INTEGER NOT NULL,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                created TEXT NOT NULL,
                held INTEGER NOT NULL,
                error TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                parked_at TEXT NOT NULL,
                PRIMARY KEY (projection, commit_position, prepare_position));
            """);
    }

    public string Path { get; }

    /// <summary>The publisher's file in a data directory.</summary>
    public static string FileIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, FileName);

    public Task<GlobalPosition?> ReadCheckpointAsync(CancellationToken cancellationToken) => ReadAsync(cancellationToken);

    public async Task<int> CountParkedAsync(CancellationToken cancellationToken) =>
        (await ListParkedAsync(null, cancellationToken).ConfigureAwait(false)).Count;

    public Task<GlobalPosition?> ReadAsync(CancellationToken cancellationToken) => UseAsync(() =>
    {
        using var command = Command("SELECT commit_position, prepare_position FROM checkpoints WHERE projection = $p");
        using var reader = command.ExecuteReader();
        return reader.Read() ? GlobalPositionOf(reader, 0) : (GlobalPosition?)null;
    }, cancellationToken);

    /// <summary>Stores the checkpoint after a confirmed batch, with the events the batch parked, in one transaction.</summary>
    public Task CommitAsync(GlobalPosition checkpoint, IReadOnlyList<ParkedEvent> parked, CancellationToken cancellationToken) => UseAsync(() =>
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var p in parked)
        {
            Park(p, transaction);
        }

        SetCheckpoint(checkpoint, transaction);
        transaction.Commit();
        return 0;
    }, cancellationToken);

    /// <summary>Moves the checkpoint back (null: forget it) and drops parked events at or after <paramref name="from"/> (null: all).</summary>
    public Task RewindAsync(GlobalPosition? from, GlobalPosition? checkpoint, CancellationToken cancellationToken) => UseAsync(() =>
    {
        using var transaction = _connection.BeginTransaction();
        using (var delete = Command("DELETE FROM parked WHERE projection = $p AND ($all = 1 OR commit_position > $c OR (commit_position = $c AND prepare_position >= $r))", transaction))
        {
            delete.Parameters.AddWithValue("$all", from is null ? 1 : 0);
            delete.Parameters.AddWithValue("$c", ToInt64(from?.Commit ?? 0));
            delete.Parameters.AddWithValue("$r", ToInt64(from?.Prepare ?? 0));
            delete.ExecuteNonQuery();
        }

        if (checkpoint is { } c)
        {
            SetCheckpoint(c, transaction);
        }
        else
        {
            using var clear = Command("DELETE FROM checkpoints WHERE projection = $p", transaction);
            clear.ExecuteNonQuery();
        }

        transaction.Commit();
        return 0;
    }, cancellationToken);

    /// <summary>Removes replayed parked events and updates the one that failed again.</summary>
    public Task CompleteParkedReplayAsync(IReadOnlyList<ParkedEvent> applied, ParkedEvent? stillFailing, CancellationToken cancellationToken) => UseAsync(() =>
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var p in applied)
        {
            using var delete = Command("DELETE FROM parked WHERE projection = $p AND commit_position = $c AND prepare_position = $r", transaction);
            delete.Parameters.AddWithValue("$c", ToInt64(p.Position.Commit));
            delete.Parameters.AddWithValue("$r", ToInt64(p.Position.Prepare));
            delete.ExecuteNonQuery();
        }

        if (stillFailing is not null)
        {
            Park(stillFailing, transaction);
        }

        transaction.Commit();
        return 0;
    }, cancellationToken);

    public Task<IReadOnlyList<ParkedEvent>> ListParkedAsync(string? streamId, CancellationToken cancellationToken) => UseAsync<IReadOnlyList<ParkedEvent>>(() =>
    {
        using var command = Command("""
            SELECT commit_position, prepare_position, stream_id, stream_revision, event_id, event_type, created, held, error, attempts, parked_at
            FROM parked WHERE projection = $p AND ($s IS NULL OR stream_id = $s) ORDER BY commit_position, prepare_position
            """);
        command.Parameters.AddWithValue("$s", (object?)streamId ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var list = new List<ParkedEvent>();
        while (reader.Read())
        {
            list.Add(new ParkedEvent(
                reader.GetString(2),
                ToUInt64(reader.GetInt64(3)),
                GlobalPositionOf(reader, 0),
                Guid.Parse(reader.GetString(4)),
                reader.GetString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                reader.GetInt64(7) != 0,
                reader.GetString(8),
                reader.GetInt32(9),
                DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture)));
        }

        return list;
    }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void SetCheckpoint(GlobalPosition checkpoint, SqliteTransaction transaction)
    {
        using var upsert = Command("""
            INSERT INTO checkpoints (projection, commit_position, prepare_position, updated_at) VALUES ($p, $c, $r, $t)
            ON CONFLICT (projection) DO UPDATE SET commit_position = $c, prepare_position = $r, updated_at = $t
            """, transaction);
        upsert.Parameters.AddWithValue("$c", ToInt64(checkpoint.Commit));
        upsert.Parameters.AddWithValue("$r", ToInt64(checkpoint.Prepare));
        upsert.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        upsert.ExecuteNonQuery();
    }

    private void Park(ParkedEvent p, SqliteTransaction transaction)
    {
        using var insert = Command("""
            INSERT OR REPLACE INTO parked (projection, commit_position, prepare_position, stream_id, stream_revision, event_id, event_type, created, held, error, attempts, parked_at)
            VALUES ($p, $c, $r, $s, $v, $id, $type, $created, $held, $error, $attempts, $at)
            """, transaction);
        insert.Parameters.AddWithValue("$c", ToInt64(p.Position.Commit));
        insert.Parameters.AddWithValue("$r", ToInt64(p.Position.Prepare));
        insert.Parameters.AddWithValue("$s", p.StreamId);
        insert.Parameters.AddWithValue("$v", ToInt64(p.StreamRevision));
        insert.Parameters.AddWithValue("$id", p.EventId.ToString());
        insert.Parameters.AddWithValue("$type", p.EventType);
        insert.Parameters.AddWithValue("$created", p.Created.ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$held", p.Held ? 1 : 0);
        insert.Parameters.AddWithValue("$error", p.Error);
        insert.Parameters.AddWithValue("$attempts", p.Attempts);
        insert.Parameters.AddWithValue("$at", p.ParkedAt.ToString("O", CultureInfo.InvariantCulture));
        insert.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        if (sql.Contains("$p", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$p", _projection);
        }

        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private async Task<T> UseAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work();
        }
        finally
        {
            _gate.Release();
        }
    }

    private static GlobalPosition GlobalPositionOf(SqliteDataReader reader, int ordinal) =>
        new(ToUInt64(reader.GetInt64(ordinal)), ToUInt64(reader.GetInt64(ordinal + 1)));

    /// <summary>
    /// A position half (or revision) as a SQLite integer, bit for bit, as every other checkpoint store keeps it: every
    /// ulong round-trips (a checked conversion threw on EventStoreDB's 2^64 - 1). Real positions are byte offsets far
    /// below 2^63, so SQL comparisons keep their order.
    /// </summary>
    internal static long ToInt64(ulong value) => unchecked((long)value);

    internal static ulong ToUInt64(long value) => unchecked((ulong)value);
}
