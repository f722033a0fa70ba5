using Leads.Projections;
using Npgsql;

namespace Leads.Analytics.PostgreSql;

/// <summary>
/// lead-analytics in a PostgreSQL database (<c>ConnectionStrings:analytics</c>): the projection's store and the tables
/// the questions read. <see cref="CreateSchemaAsync"/> creates what is missing, under an advisory lock so replicas
/// starting together do not race.
/// </summary>
public sealed class PostgresLeadAnalytics : IAsyncDisposable
{
    private const long SchemaLock = 0x4c65616473; // "Leads"

    private readonly NpgsqlDataSource _database;

    public PostgresLeadAnalytics(string connectionString)
    {
        _database = NpgsqlDataSource.Create(connectionString);
        Store = new PostgresAnalyticsStore(_database);
        Tables = new PostgresAnalyticsTables(_database);
    }

    public IProjectionStore<LeadTimeline> Store { get; }

    public IAnalyticsTables Tables { get; }

    public async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock}); {AnalyticsSchema.Create}", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
