using Leads.Projections.Sqlite;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.Views.Sqlite;

/// <summary>
/// The views file: WAL (readers never block the projector), <c>synchronous=NORMAL</c> (a commit is atomic; a power
/// cut may lose the last batches, and their checkpoint with them, so they are simply replayed). The views hold decrypted
/// personal data, so deleted and overwritten rows are zeroed (<c>secure_delete</c>) and the projection store truncates the
/// log after a batch that erased a lead.
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
        CREATE INDEX IF NOT EXISTS lead_views_by_followup ON lead_views (status, followup_on, lead_id);
        CREATE INDEX IF NOT EXISTS lead_views_by_position ON lead_views (position_commit, position_prepare);
        CREATE TABLE IF NOT EXISTS status_log (
            lead_id INTEGER NOT NULL,
            position_commit INTEGER NOT NULL,
            position_prepare INTEGER NOT NULL,
            status INTEGER NOT NULL,
            changed_at INTEGER NOT NULL,
            PRIMARY KEY (lead_id, position_commit, position_prepare)) WITHOUT ROWID;
        """;

    private readonly SqliteFile _file;

    public ViewDatabase(string path) => _file = new SqliteFile(path, Schema + SqliteProjectionLedger.Schema, SqliteDurability.Normal, secureDelete: true);

    public string Path => _file.Path;

    public SqliteConnection Open() => _file.Open();

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null) =>
        SqliteFile.Execute(connection, sql, transaction);
}
