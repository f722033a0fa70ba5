using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Leads.Commissions.FollowupReminders;

/// <summary>
/// What the sales team's to-do list keeps of the lead context's reminders, in <c>followup-todos.db</c>: one open to-do
/// per lead whose follow-up came due, marked overdue when that reminder comes, closed by a later rescheduling or
/// clearing (later in the lead context's order: the source positions; the two kinds of message travel independently). Each handled MessageId is stored in the same transaction as the change it made, so a repeated reminder
/// (same id) changes nothing.
/// </summary>
public sealed class FollowupTodoList : IDisposable
{
    public const string FileName = "followup-todos.db";

    private readonly string _connectionString;

    public FollowupTodoList(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, DefaultTimeout = 30 }.ToString();
        Execute(null, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS handled_reminders (message_id TEXT PRIMARY KEY);
            CREATE TABLE IF NOT EXISTS followup_todos (
                lead_id INTEGER PRIMARY KEY, followup_on TEXT NOT NULL, overdue INTEGER NOT NULL, source_position INTEGER NOT NULL);
            """, []);
    }

    /// <summary>Opens (or, <paramref name="overdue"/>, flags) the lead's to-do for a follow-up; false when this message was handled before.</summary>
    public bool Remind(Guid messageId, long leadId, DateOnly followupOn, ulong sourcePosition, bool overdue) =>
        Execute(messageId, """
            INSERT INTO followup_todos (lead_id, followup_on, overdue, source_position) VALUES ($lead, $on, $overdue, $position)
            ON CONFLICT (lead_id) DO UPDATE SET followup_on = $on, overdue = max(overdue, $overdue), source_position = $position
            WHERE source_position <= $position
            """,
            [("$lead", leadId), ("$on", followupOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$overdue", overdue ? 1 : 0), ("$position", unchecked((long)sourcePosition))]);

    /// <summary>The follow-up was rescheduled or cleared at <paramref name="sourcePosition"/>: an earlier follow-up's to-do is done.</summary>
    public bool Close(Guid messageId, long leadId, ulong sourcePosition) =>
        Execute(messageId, "DELETE FROM followup_todos WHERE lead_id = $lead AND source_position < $position",
            [("$lead", leadId), ("$position", unchecked((long)sourcePosition))]);

    /// <summary>The open to-dos, oldest follow-up first.</summary>
    public IReadOnlyList<FollowupTodo> Open()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT lead_id, followup_on, overdue FROM followup_todos ORDER BY followup_on, lead_id";
        using var r = command.ExecuteReader();
        var todos = new List<FollowupTodo>();
        while (r.Read())
        {
            todos.Add(new FollowupTodo(r.GetInt64(0), DateOnly.ParseExact(r.GetString(1), "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetInt64(2) == 1));
        }

        return todos;
    }

    public void Dispose() => SqliteConnection.ClearAllPools();

    private bool Execute(Guid? messageId, string sql, (string Name, object Value)[] parameters)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (messageId is { } id)
        {
            command.CommandText = "INSERT INTO handled_reminders (message_id) VALUES ($id) ON CONFLICT DO NOTHING";
            command.Parameters.AddWithValue("$id", id.ToString("D"));
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            command.Parameters.Clear();
        }

        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
        transaction.Commit();
        return true;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}

/// <summary>One open to-do: call the lead back (its follow-up date came), overdue when nobody did for days.</summary>
public sealed record FollowupTodo(long LeadId, DateOnly FollowupOn, bool Overdue);
