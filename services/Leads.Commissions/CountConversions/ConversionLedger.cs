using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Leads.Commissions.CountConversions;

/// <summary>
/// Conversions per day in a SQLite file, with the idempotent-consumer table beside them: each handled message's id is
/// inserted in the same transaction as the count it changed, so a message that comes again (a publisher retry, a
/// replay, a redelivery after a lost ack) finds its id and changes nothing.
/// </summary>
public sealed class ConversionLedger : IDisposable
{
    public const string FileName = "commissions.db";

    private readonly string _connectionString;
    private long _duplicatesIgnored;

    public ConversionLedger(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS processed_messages (
                message_id TEXT PRIMARY KEY,
                processed_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS conversions_per_day (
                day TEXT PRIMARY KEY,
                conversions INTEGER NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    public string Path { get; }

    /// <summary>Messages this process found already handled and ignored (repeats that did not count twice).</summary>
    public long DuplicatesIgnored => Interlocked.Read(ref _duplicatesIgnored);

    /// <summary>Counts one conversion on <paramref name="day"/> unless <paramref name="messageId"/> was handled before; true when counted.</summary>
    public async Task<bool> RecordConversionAsync(Guid messageId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var processed = connection.CreateCommand())
        {
            processed.Transaction = transaction;
            processed.CommandText = "INSERT INTO processed_messages (message_id, processed_at) VALUES ($id, $at) ON CONFLICT DO NOTHING";
            processed.Parameters.AddWithValue("$id", messageId.ToString());
            processed.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            if (await processed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                Interlocked.Increment(ref _duplicatesIgnored);
                return false;
            }
        }

        await using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = """
                INSERT INTO conversions_per_day (day, conversions) VALUES ($day, 1)
                ON CONFLICT (day) DO UPDATE SET conversions = conversions + 1
                """;
            count.Parameters.AddWithValue("$day", Key(day));
            await count.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<long> ConversionsOnAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT conversions FROM conversions_per_day WHERE day = $day";
        command.Parameters.AddWithValue("$day", Key(day));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long n ? n : 0;
    }

    public async Task<IReadOnlyList<DailyConversions>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT day, conversions FROM conversions_per_day ORDER BY day";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var days = new List<DailyConversions>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            days.Add(new DailyConversions(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetInt64(1)));
        }

        return days;
    }

    public void Dispose() => SqliteConnection.ClearAllPools();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static string Key(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
