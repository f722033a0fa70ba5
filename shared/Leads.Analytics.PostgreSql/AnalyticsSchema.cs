namespace Leads.Analytics.PostgreSql;

/// <summary>
/// The tables in PostgreSQL: the same documented tables as <c>analytics.db</c> (README, "Analytics"), with native
/// types (<c>timestamptz</c>, <c>date</c>, <c>boolean</c>), and the projection's checkpoint and parked events.
/// </summary>
internal static class AnalyticsSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS leads (
            lead_id bigint PRIMARY KEY,
            created_at timestamptz NULL,
            created_day date NULL,
            status text NULL,
            status_since timestamptz NULL,
            forgotten boolean NOT NULL,
            first_followup_at timestamptz NULL,
            converted_at timestamptz NULL,
            converted_day date NULL,
            closed_at timestamptz NULL,
            reopenings integer NOT NULL,
            seconds_to_conversion double precision NULL,
            position_commit bigint NOT NULL,
            position_prepare bigint NOT NULL,
            timeline text NOT NULL);
        CREATE INDEX IF NOT EXISTS leads_by_created_day ON leads (created_day);
        CREATE INDEX IF NOT EXISTS leads_by_converted_day ON leads (converted_day);
        CREATE INDEX IF NOT EXISTS leads_by_position ON leads (position_commit, position_prepare);
        CREATE TABLE IF NOT EXISTS status_intervals (
            lead_id bigint NOT NULL,
            seq integer NOT NULL,
            status text NOT NULL,
            start_at timestamptz NOT NULL,
            end_at timestamptz NULL,
            start_day date NOT NULL,
            end_day date NULL,
            duration_seconds double precision NULL,
            PRIMARY KEY (lead_id, seq));
        CREATE INDEX IF NOT EXISTS status_intervals_by_start ON status_intervals (start_day, status);
        CREATE INDEX IF NOT EXISTS status_intervals_by_end ON status_intervals (end_day, status);
        CREATE TABLE IF NOT EXISTS followups (
            lead_id bigint NOT NULL,
            seq integer NOT NULL,
            scheduled_at timestamptz NOT NULL,
            due_date date NOT NULL,
            ended_at timestamptz NULL,
            ended_by text NULL,
            outcome text NOT NULL,
            PRIMARY KEY (lead_id, seq));
        CREATE INDEX IF NOT EXISTS followups_by_due ON followups (due_date, outcome);
        CREATE TABLE IF NOT EXISTS lead_activity (
            lead_id bigint NOT NULL,
            day date NOT NULL,
            caller text NOT NULL,
            commands integer NOT NULL,
            PRIMARY KEY (lead_id, day, caller));
        CREATE INDEX IF NOT EXISTS lead_activity_by_day ON lead_activity (day, caller);
        CREATE OR REPLACE VIEW daily_activity AS
            SELECT day, caller, SUM(commands)::bigint AS commands FROM lead_activity GROUP BY day, caller;
        CREATE TABLE IF NOT EXISTS projection_checkpoints (
            projection text PRIMARY KEY,
            position_commit bigint NOT NULL,
            position_prepare bigint NOT NULL);
        CREATE TABLE IF NOT EXISTS parked_events (
            projection text NOT NULL,
            stream_id text NOT NULL,
            position_commit bigint NOT NULL,
            position_prepare bigint NOT NULL,
            stream_revision bigint NOT NULL,
            event_id uuid NOT NULL,
            event_type text NOT NULL,
            created timestamptz NOT NULL,
            held boolean NOT NULL,
            error text NOT NULL,
            attempts integer NOT NULL,
            parked_at timestamptz NOT NULL,
            PRIMARY KEY (projection, position_commit, position_prepare));
        """;
}
