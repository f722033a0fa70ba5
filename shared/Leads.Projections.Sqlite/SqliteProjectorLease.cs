using Leads.Projections.Leasing;
using Leads.Sqlite;
using Microsoft.Data.Sqlite;

namespace Leads.Projections.Sqlite;

/// <summary>
/// Projector leases in the embedded control plane file (<c>projections.db</c>, table <c>projector_leases</c>), for
/// projector processes on one machine sharing a data directory. Taking or renewing is one conditional upsert: it
/// writes only when the row is free, expired, or already this owner's, so two processes can never both succeed.
/// Times are this machine's clock (every holder runs on it).
/// </summary>
public sealed class SqliteProjectorLease : IProjectorLease
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS projector_leases (
            projection TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            acquired_at INTEGER NOT NULL) WITHOUT ROWID;
        """;

    private readonly SqliteFile _file;
    private readonly TimeProvider _clock;

    public SqliteProjectorLease(string path, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _file = new SqliteFile(path, Schema, SqliteDurability.Full);
    }

    public string Path => _file.Path;

    public async Task<bool> TryAcquireAsync(string projection, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO projector_leases (projection, owner, expires_at, acquired_at) VALUES ($projection, $owner, $expires, $now)
            ON CONFLICT (projection) DO UPDATE SET
                owner = excluded.owner,
                expires_at = excluded.expires_at,
                acquired_at = CASE WHEN projector_leases.owner = excluded.owner THEN projector_leases.acquired_at ELSE excluded.acquired_at END
            WHERE projector_leases.owner = excluded.owner OR projector_leases.expires_at <= $now
            """;
        command.Parameters.AddWithValue("$projection", projection);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$expires", now + (long)duration.TotalMilliseconds);
        command.Parameters.AddWithValue("$now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task ReleaseAsync(string projection, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM projector_leases WHERE projection = $projection AND owner = $owner";
        command.Parameters.AddWithValue("$projection", projection);
        command.Parameters.AddWithValue("$owner", owner);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ProjectorLeaseHolder?> ReadAsync(string projection, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, expires_at FROM projector_leases WHERE projection = $projection";
        command.Parameters.AddWithValue("$projection", projection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ProjectorLeaseHolder(projection, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))
            : null;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _file.OpenAsync(cancellationToken);
}
