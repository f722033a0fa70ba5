using Microsoft.Data.Sqlite;

namespace Leads.Sqlite;

/// <summary>
/// One embedded SQLite file, opened the same way everywhere: the folder created, WAL journaling (readers never block
/// the writer, and other processes read it too), pooled connections, a 30 s wait on a busy file, the schema applied
/// once, and per connection the durability the file needs and, where it held personal data, secure deletion.
/// </summary>
public sealed class SqliteFile
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    /// <param name="path">The file; its folder is created.</param>
    /// <param name="schema">Statements that create what is missing (<c>CREATE ... IF NOT EXISTS</c>), run once here.</param>
    /// <param name="durability">Full: a commit survives a power cut; Normal: it survives a crash of the process.</param>
    /// <param name="secureDelete">Deleted content is overwritten with zeros, not left in free pages.</param>
    public SqliteFile(string path, string schema, SqliteDurability durability = SqliteDurability.Normal, bool secureDelete = false)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _connectionPragmas = (durability == SqliteDurability.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;")
            + " PRAGMA busy_timeout=30000;"
            + (secureDelete ? " PRAGMA secure_delete=ON;" : string.Empty);
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        if (!string.IsNullOrWhiteSpace(schema))
        {
            Execute(connection, schema);
        }
    }

    public string Path { get; }

    /// <summary>An open connection from the pool, with this file's pragmas; the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, _connectionPragmas);
        return connection;
    }

    /// <inheritdoc cref="Open"/>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        Execute(connection, _connectionPragmas);
        return connection;
    }

    /// <summary>
    /// Copies the write-ahead log into the file and truncates it to zero bytes (<c>wal_checkpoint(TRUNCATE)</c>), so no
    /// older version of a page (a row as it was before a secure delete overwrote it) stays on disk beside the file.
    /// False when a reader still using the log kept it from completing within the busy timeout: the caller tries again.
    /// </summary>
    public static bool TruncateLog(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var result = command.ExecuteReader();
        return result.Read() && result.GetInt64(0) == 0;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}

/// <summary>How much of a commit a file keeps through failures.</summary>
public enum SqliteDurability
{
    /// <summary>WAL with synchronous NORMAL: a commit survives a crash of the process; a power cut may lose the last ones.</summary>
    Normal,

    /// <summary>Synchronous FULL: a commit is on disk before it returns.</summary>
    Full,
}
