using System.Globalization;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.Privacy.Sqlite;

/// <summary>
/// The embedded key store: <c>keys.db</c> in the data directory, shared by every process of the embedded default
/// (WAL, busy timeout). <c>secure_delete</c> overwrites a deleted key's bytes, and a checkpoint after each deletion
/// moves them out of the write-ahead log, so an erased key does not linger in the files.
/// </summary>
public sealed class SqliteLeadKeyStore : ILeadKeyStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS lead_keys (
            lead_id INTEGER PRIMARY KEY,
            data_key BLOB NULL,
            created_at INTEGER NOT NULL,
            erased_at INTEGER NULL,
            erased_by TEXT NULL,
            reason TEXT NULL);
        """;

    /// <summary>Leads per query of <see cref="GetManyAsync"/>: well under SQLite's limit of bound parameters.</summary>
    private const int ManyChunk = 500;

    private const string Select = "SELECT data_key, erased_at, erased_by, reason FROM lead_keys WHERE lead_id = $lead;";

    // FULL: a key must be durable before the event sealed with it is (events.db is FULL too); losing a key to a power cut
    // would erase a lead nobody asked to forget.
    private readonly SqliteFile _file;

    public SqliteLeadKeyStore(string path) => _file = new SqliteFile(path, Schema, SqliteDurability.Full, secureDelete: true);

    public string Path => _file.Path;

    public static string FileIn(string dataDirectory) => System.IO.Path.Combine(dataDirectory, "keys.db");

    public async Task<LeadKeyLookup> GetOrCreateAsync(long leadId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO lead_keys (lead_id, data_key, created_at) VALUES ($lead, $key, $now) ON CONFLICT (lead_id) DO NOTHING;";
            insert.Parameters.AddWithValue("$lead", leadId);
            insert.Parameters.AddWithValue("$key", PersonalDataCipher.NewKey());
            insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync(connection, leadId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One transaction (one fsync) for the whole batch: a bulk import creates thousands of keys a second.</summary>
    public async Task<IReadOnlyList<LeadKeyLookup>> GetOrCreateManyAsync(IReadOnlyList<long> leadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO lead_keys (lead_id, data_key, created_at) VALUES ($lead, $key, $now) ON CONFLICT (lead_id) DO NOTHING;";
            var lead = insert.Parameters.Add("$lead", SqliteType.Integer);
            var key = insert.Parameters.Add("$key", SqliteType.Blob);
            insert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            foreach (var leadId in leadIds)
            {
                lead.Value = leadId;
                key.Value = PersonalDataCipher.NewKey();
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var lookups = new List<LeadKeyLookup>(leadIds.Count);
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = Select;
            var lead = select.Parameters.Add("$lead", SqliteType.Integer);
            foreach (var leadId in leadIds)
            {
                lead.Value = leadId;
                lookups.Add(await ReadAsync(select, leadId, cancellationToken).ConfigureAwait(false));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return lookups;
    }

    public async Task<LeadKeyLookup> GetAsync(long leadId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await ReadAsync(connection, leadId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<long, LeadKeyLookup>> GetManyAsync(IReadOnlyCollection<long> leadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        var found = leadIds.Distinct().ToDictionary(id => id, LeadKeyLookup.None);
        if (found.Count == 0)
        {
            return found;
        }

        await using var connection = Open();
        foreach (var chunk in found.Keys.ToList().Chunk(ManyChunk))
        {
            await using var select = connection.CreateCommand();
            var names = chunk.Select((id, i) =>
            {
                select.Parameters.AddWithValue($"$l{i}", id);
                return $"$l{i}";
            });
            select.CommandText = $"SELECT data_key, erased_at, erased_by, reason, lead_id FROM lead_keys WHERE lead_id IN ({string.Join(',', names)});";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var leadId = reader.GetInt64(4);
                found[leadId] = LookupAt(reader, leadId);
            }
        }

        return found;
    }

    public async Task<KeyErasure> DeleteAsync(KeyErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        await using var connection = Open();
        await using (var delete = connection.CreateCommand())
        {
            delete.CommandText = """
                INSERT INTO lead_keys (lead_id, data_key, created_at, erased_at, erased_by, reason) VALUES ($lead, NULL, $at, $at, $by, $reason)
                ON CONFLICT (lead_id) DO UPDATE SET data_key = NULL, erased_at = excluded.erased_at, erased_by = excluded.erased_by, reason = excluded.reason
                WHERE lead_keys.erased_at IS NULL;
                """;
            delete.Parameters.AddWithValue("$lead", erasure.LeadId);
            delete.Parameters.AddWithValue("$at", erasure.ErasedAt.ToUnixTimeMilliseconds());
            delete.Parameters.AddWithValue("$by", erasure.ErasedBy);
            delete.Parameters.AddWithValue("$reason", erasure.Reason);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        var stored = await ReadAsync(connection, erasure.LeadId, cancellationToken).ConfigureAwait(false);
        return stored.Erasure ?? throw new InvalidOperationException($"the key of lead {erasure.LeadId} was not deleted");
    }

    public async Task<IReadOnlyList<KeyErasure>> ListErasuresAsync(long afterLeadId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT lead_id, erased_at, erased_by, reason FROM lead_keys
            WHERE erased_at IS NOT NULL AND lead_id > $after ORDER BY lead_id LIMIT $limit;
            """;
        select.Parameters.AddWithValue("$after", afterLeadId);
        select.Parameters.AddWithValue("$limit", limit);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var erasures = new List<KeyErasure>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            erasures.Add(ErasureAt(reader, reader.GetInt64(0)));
        }

        return erasures;
    }

    private static async Task<LeadKeyLookup> ReadAsync(SqliteConnection connection, long leadId, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = Select;
        select.Parameters.AddWithValue("$lead", leadId);
        return await ReadAsync(select, leadId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <see cref="Select"/> (its <c>$lead</c> already bound to <paramref name="leadId"/>).</summary>
    private static async Task<LeadKeyLookup> ReadAsync(SqliteCommand select, long leadId, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return LeadKeyLookup.None(leadId);
        }

        return LookupAt(reader, leadId);
    }

    /// <summary>The key (column 0) or the tombstone (columns 1..3) of the row.</summary>
    private static LeadKeyLookup LookupAt(SqliteDataReader reader, long leadId) =>
        reader.IsDBNull(1) ? LeadKeyLookup.Found(leadId, (byte[])reader.GetValue(0)) : LeadKeyLookup.Erased(ErasureAt(reader, leadId));

    /// <summary>The tombstone in columns 1..3 of the row (erased_at, erased_by, reason).</summary>
    private static KeyErasure ErasureAt(SqliteDataReader reader, long leadId) => new(
        leadId,
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
        reader.IsDBNull(2) ? "" : reader.GetString(2),
        reader.IsDBNull(3) ? "" : reader.GetString(3));

    private SqliteConnection Open() => _file.Open();

    private static void Execute(SqliteConnection connection, string sql) => SqliteFile.Execute(connection, sql);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"SQLite {Path}");
}
