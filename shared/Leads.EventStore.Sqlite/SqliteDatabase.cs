using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Leads.EventStore.Sqlite;

/// <summary>Opens connections to the store file with the pragmas every connection needs, and creates the schema.</summary>
internal sealed class SqliteDatabase(string path, SqliteEventStoreOptions options)
{
    /// <summary>
    /// One row per event. <c>seq</c> aliases the rowid: a single writer at a time (SQLite's write lock, across
    /// processes) allocates it, so commit order is sequence order and a reader never sees a gap filled later.
    /// <c>created</c> holds UTC ticks set by the store at commit; <c>metadata</c> is UTF-8 JSON or NULL when empty.
    /// <c>store</c> holds the file's identity, a random id drawn when the file (or, for older files, this table) is made.
    /// </summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS events (
            seq        INTEGER PRIMARY KEY,
            stream_id  TEXT    NOT NULL,
            revision   INTEGER NOT NULL,
            event_id   BLOB    NOT NULL,
            event_type TEXT    NOT NULL,
            created    INTEGER NOT NULL,
            data       BLOB    NOT NULL,
            metadata   BLOB
        );
        CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream_id, revision);
        CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON events (event_id);
        CREATE TABLE IF NOT EXISTS store (id TEXT NOT NULL);
        INSERT INTO store (id) SELECT lower(hex(randomblob(16))) WHERE NOT EXISTS (SELECT 1 FROM store);
        """;

    public string Path { get; } = path;

    public SqliteConnection OpenWriter()
    {
        var connection = Open(SqliteOpenMode.ReadWriteCreate);
        try
        {
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Execute(connection, "PRAGMA synchronous = FULL;");
            Execute(connection, "PRAGMA foreign_keys = OFF;");
            if (options.CheckpointInterval > TimeSpan.Zero)
            {
                // WalCheckpointer does it off the commit path.
                Execute(connection, "PRAGMA wal_autocheckpoint = 0;");
            }

            Execute(connection, "BEGIN IMMEDIATE;");
            Execute(connection, Schema);
            Execute(connection, "COMMIT;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public SqliteConnection OpenReader() => Open(SqliteOpenMode.ReadOnly);

    /// <summary>The store's identity (see the <c>store</c> table).</summary>
    public static string ReadStoreId(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM store LIMIT 1;";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>A read-write connection for checkpoints, with the writer's durability.</summary>
    public SqliteConnection OpenCheckpointer()
    {
        var connection = Open(SqliteOpenMode.ReadWrite);
        Execute(connection, "PRAGMA synchronous = FULL;");
        return connection;
    }

    private SqliteConnection Open(SqliteOpenMode mode)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var busyMs = (long)options.BusyTimeout.TotalMilliseconds;
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyMs};"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
