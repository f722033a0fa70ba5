using Leads.Testing;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Analytics.Tests.Support;

/// <summary>
/// The Testcontainers variant of the real PostgreSQL: a <see cref="Image"/> container when a Docker engine answers and
/// already holds the image (nothing is ever pulled: without a registry that fails slowly or hangs). Otherwise
/// <see cref="UnavailableReason"/> says precisely why, and the tests on it skip with it, as the MongoDB and
/// Elasticsearch suites do; they never count as passed.
/// </summary>
public sealed class PostgresContainer : IPostgresDatabases, IAsyncDisposable
{
    /// <summary>The major version Debian's package gives the other PostgreSQL tests.</summary>
    public const string Image = "postgres:15";

    private PostgreSqlContainer? _container;
    private int _databases;

    public bool Available => _container is not null && UnavailableReason is null;

    public string? UnavailableReason { get; private set; } = "not started";

    public async ValueTask TryStartAsync(CancellationToken cancellationToken)
    {
        if (DockerEngine.WhyNoContainerOf(Image) is { } why)
        {
            UnavailableReason = $"skipped (Testcontainers PostgreSQL): {why}";
            return;
        }

        _container = new PostgreSqlBuilder(Image).Build();
        try
        {
            await _container.StartAsync(cancellationToken);
            UnavailableReason = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            UnavailableReason = $"skipped (Testcontainers PostgreSQL): a Docker engine answers but {Image} did not start: {ex.Message}";
        }
    }

    public async Task<string> CreateDatabaseAsync(string purpose, CancellationToken cancellationToken)
    {
        var name = $"{purpose}_{Interlocked.Increment(ref _databases)}".ToLowerInvariant();
        var server = _container?.GetConnectionString() ?? throw new InvalidOperationException(UnavailableReason);
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
