using Leads.Projections.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.Views.Sqlite;

/// <summary>
/// The views file: WAL (readers never block the projector), <c>synchronous=NORMAL</c> (a commit is atomic; a power
/// cut may lose the last batches, and their checkpoint with them, so they are simply replayed).
/// </summary>
internal sealed class ViewDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS lead_views (
            lead_id INTEGER PRIMARY KEY,
            stream_id TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            phone TEXT NOT NULL,
            phone_digits TEXT NOT NULL,
            status INTEGER NULL,
            followup_on TEXT NULL,
            revision INTEGER NOT NULL,
            position_commit INTEGER NOT NULL,
            position_prepare INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS lead_views_by_status ON lead_views (status, lead_id);
        CREATE INDEX IF NOT EXISTS lead_views_by_position ON lead_views (position_commit, position_prepare);
        CREATE TABLE IF NOT EXISTS status_log (
            lead_id INTEGER NOT NULL,
            position_commit INTEGER NOT NULL,
            position_prepare INTEGER NOT NULL,
            status INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            PRIMARY KEY (lead_id, position_commit, position_prepare)) WITHOUT ROWID;
        """;

    private readonly string _connectionString;

    public ViewDatabase(string path)
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
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema + SqliteProjectionLedger.Schema);
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
