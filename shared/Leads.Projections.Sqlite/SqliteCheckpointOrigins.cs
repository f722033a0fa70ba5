using Leads.Sqlite;

namespace Leads.Projections.Sqlite;

/// <summary>
/// <see cref="ICheckpointOrigins"/> in the embedded control-plane file (<c>checkpoint_origins</c>, one row per
/// projection), which every projector of a deployment shares.
/// </summary>
public sealed class SqliteCheckpointOrigins(string path) : ICheckpointOrigins
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS checkpoint_origins (
            projection TEXT PRIMARY KEY,
            store_id TEXT NOT NULL) WITHOUT ROWID;
        """;

    private readonly SqliteFile _file = new(path, Schema, SqliteDurability.Full);

    public async Task<string?> ReadAsync(string projection, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT store_id FROM checkpoint_origins WHERE projection = $projection";
        command.Parameters.AddWithValue("$projection", projection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public async Task RecordAsync(string projection, string storeId, CancellationToken cancellationToken)
    {
        await using var connection = await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO checkpoint_origins (projection, store_id) VALUES ($projection, $store)";
        command.Parameters.AddWithValue("$projection", projection);
        command.Parameters.AddWithValue("$store", storeId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
