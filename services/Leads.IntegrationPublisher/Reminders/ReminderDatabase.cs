using Leads.Projections.Sqlite;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// Where the reminder process keeps its state: in the publisher's own file (<c>integration-publisher.db</c>, full
/// durability) beside its ledger. <c>followup_deadlines</c> is the projection's documents (one row per lead, rewound by
/// a reset like any projection's); <c>followup_reminders_sent</c> records each reminder the broker confirmed, by its
/// MessageId, and is never rewound, so a reset or replay does not send a reminder again.
/// </summary>
public sealed class ReminderDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS followup_deadlines (
            lead_id INTEGER PRIMARY KEY,
            stream_id TEXT NOT NULL,
            followup_event_id TEXT NULL,
            followup_commit INTEGER NULL,
            followup_prepare INTEGER NULL,
            followup_recorded_at INTEGER NULL,
            followup_on TEXT NULL,
            position_commit INTEGER NOT NULL,
            position_prepare INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS followup_deadlines_by_date ON followup_deadlines (followup_on);
        CREATE INDEX IF NOT EXISTS followup_deadlines_by_position ON followup_deadlines (position_commit, position_prepare);
        CREATE TABLE IF NOT EXISTS followup_reminders_sent (
            message_id TEXT PRIMARY KEY,
            lead_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            followup_event_id TEXT NOT NULL,
            sent_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS followup_reminders_sent_by_followup ON followup_reminders_sent (followup_event_id, kind);
        """;

    private readonly SqliteFile _file;

    public ReminderDatabase(string path) => _file = new SqliteFile(path, Schema + SqliteProjectionLedger.Schema, SqliteDurability.Full);

    public string Path => _file.Path;

    public SqliteConnection Open() => _file.Open();
}
