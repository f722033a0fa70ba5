using System.Globalization;
using Leads.Projections.Sqlite;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.Analytics.Sqlite;

/// <summary>
/// <c>analytics.db</c>: the documented tables (README, "Analytics") and the projection ledger, WAL with
/// <c>synchronous=NORMAL</c> (a power cut may lose the last batches with their checkpoint: they are replayed). Times are
/// UTC ISO-8601 text (<c>2026-06-30T14:05:00.0000000Z</c>, sortable, read by SQLite's date functions), days
/// <c>YYYY-MM-DD</c>, statuses by name.
/// </summary>
public sealed class AnalyticsDatabase
{
    public const string FileName = "analytics.db";

    public const string Schema = """
        CREATE TABLE IF NOT EXISTS leads (
            lead_id INTEGER PRIMARY KEY,
            created_at TEXT NULL,
            created_day TEXT NULL,
            status TEXT NULL,
            status_since TEXT NULL,
            forgotten INTEGER NOT NULL,
            first_followup_at TEXT NULL,
            converted_at TEXT NULL,
            converted_day TEXT NULL,
            closed_at TEXT NULL,
            reopenings INTEGER NOT NULL,
            seconds_to_conversion REAL NULL,
            position_commit INTEGER NOT NULL,
            position_prepare INTEGER NOT NULL,
            timeline TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS leads_by_created_day ON leads (created_day);
        CREATE INDEX IF NOT EXISTS leads_by_converted_day ON leads (converted_day);
        CREATE INDEX IF NOT EXISTS leads_by_position ON leads (position_commit, position_prepare);
        CREATE TABLE IF NOT EXISTS status_intervals (
            lead_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            status TEXT NOT NULL,
            start_at TEXT NOT NULL,
            end_at TEXT NULL,
            start_day TEXT NOT NULL,
            end_day TEXT NULL,
            duration_seconds REAL NULL,
            PRIMARY KEY (lead_id, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS status_intervals_by_start ON status_intervals (start_day, status);
        CREATE INDEX IF NOT EXISTS status_intervals_by_end ON status_intervals (end_day, status);
        CREATE TABLE IF NOT EXISTS followups (
            lead_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            scheduled_at TEXT NOT NULL,
            due_date TEXT NOT NULL,
            ended_at TEXT NULL,
            ended_by TEXT NULL,
            outcome TEXT NOT NULL,
            PRIMARY KEY (lead_id, seq)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS followups_by_due ON followups (due_date, outcome);
        CREATE TABLE IF NOT EXISTS lead_activity (
            lead_id INTEGER NOT NULL,
            day TEXT NOT NULL,
            caller TEXT NOT NULL,
            commands INTEGER NOT NULL,
            PRIMARY KEY (lead_id, day, caller)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS lead_activity_by_day ON lead_activity (day, caller);
        CREATE VIEW IF NOT EXISTS daily_activity AS
            SELECT day, caller, SUM(commands) AS commands FROM lead_activity GROUP BY day, caller;
        """;

    private readonly SqliteFile _file;

    public AnalyticsDatabase(string path) => _file = new SqliteFile(path, Schema + SqliteProjectionLedger.Schema, SqliteDurability.Normal);

    public string Path => _file.Path;

    public SqliteConnection Open() => _file.Open();

    public static object Text(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : DBNull.Value;

    public static object Text(DateOnly? day) => day is { } d ? AnalyticsPeriod.Text(d) : DBNull.Value;

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static object Value<T>(T? value)
        where T : struct => value is { } v ? v : DBNull.Value;
}
