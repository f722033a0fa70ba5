using System.Globalization;
using Leads.EventStore;
using Microsoft.Data.Sqlite;
using static Leads.Projections.Sqlite.SqliteColumns;

namespace Leads.Projections.Sqlite;

/// <summary>
/// The checkpoint and parked events as the integration publisher kept them before the shared ledger (its own tables
/// <c>checkpoints</c> and <c>parked</c> in <c>integration-publisher.db</c>, times as ISO 8601 text). Where a file still
/// has them, they are moved into the ledger's tables once, in one transaction with dropping them, so that an upgrade
/// neither replays what was published nor skips what was not, and keeps what was parked. A checkpoint the ledger
/// already holds only moves forward.
/// </summary>
internal static class EarlierPublisherTables
{
    public static void MoveIntoLedger(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Exists(transaction, "checkpoints"))
        {
            foreach (var (projection, checkpoint) in ReadCheckpoints(transaction))
            {
                new SqliteProjectionLedger(projection).Advance(transaction, checkpoint);
            }

            Execute(transaction, "DROP TABLE checkpoints");
        }

        if (Exists(transaction, "parked"))
        {
            foreach (var parked in ReadParked(transaction).GroupBy(p => p.Projection, StringComparer.Ordinal))
            {
                new SqliteProjectionLedger(parked.Key).Park(transaction, parked.Select(p => p.Event), replace: false);
            }

            Execute(transaction, "DROP TABLE parked");
        }

        transaction.Commit();
    }

    private static List<(string Projection, GlobalPosition Checkpoint)> ReadCheckpoints(SqliteTransaction transaction)
    {
        using var command = Command(transaction, "SELECT projection, commit_position, prepare_position FROM checkpoints");
        using var r = command.ExecuteReader();
        var checkpoints = new List<(string, GlobalPosition)>();
        while (r.Read())
        {
            checkpoints.Add((r.GetString(0), Position(r, 1)));
        }

        return checkpoints;
    }

    private static List<(string Projection, ParkedEvent Event)> ReadParked(SqliteTransaction transaction)
    {
        using var command = Command(transaction, """
            SELECT projection, commit_position, prepare_position, stream_id, stream_revision, event_id, event_type, created,
                   held, error, attempts, parked_at
            FROM parked ORDER BY projection, commit_position, prepare_position
            """);
        using var r = command.ExecuteReader();
        var parked = new List<(string, ParkedEvent)>();
        while (r.Read())
        {
            parked.Add((r.GetString(0), new ParkedEvent(
                r.GetString(3),
                U64(r.GetInt64(4)),
                Position(r, 1),
                Guid.Parse(r.GetString(5)),
                r.GetString(6),
                DateTimeOffset.Parse(r.GetString(7), CultureInfo.InvariantCulture),
                r.GetInt64(8) != 0,
                r.GetString(9),
                r.GetInt32(10),
                DateTimeOffset.Parse(r.GetString(11), CultureInfo.InvariantCulture))));
        }

        return parked;
    }

    private static bool Exists(SqliteTransaction transaction, string table)
    {
        using var command = Command(transaction, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name");
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private static void Execute(SqliteTransaction transaction, string sql)
    {
        using var command = Command(transaction, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
