using Leads.Analytics;
using Leads.Analytics.PostgreSql;
using Leads.Analytics.Sqlite;
using Leads.Projections;
using Leads.Testing;

namespace Analytics.Tests.Support;

/// <summary>
/// The engines lead-analytics runs on, for tests that run on each: SQLite in a temporary file, and a real PostgreSQL
/// server of the collection's own (<see cref="PostgresNode"/>), a fresh database per test. Without PostgreSQL the
/// PostgreSQL cases skip with the reason (they fail with <c>POSTGRES_REQUIRED=1</c>).
/// </summary>
public sealed class AnalyticsDatabases : IAsyncLifetime
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    private readonly PostgresNode _postgres = new();

    public static TheoryData<string> Engines => [Sqlite, PostgreSql];

    public PostgresNode Postgres => _postgres;

    public ValueTask InitializeAsync() => _postgres.TryStartAsync();

    /// <summary>A fresh, empty analytics store on the engine (skips the test when it is PostgreSQL and that is not here).</summary>
    public async Task<AnalyticsEngine> OpenAsync(string engine, TempDirectory directory, CancellationToken cancellationToken)
    {
        if (engine == Sqlite)
        {
            var sqlite = new SqliteLeadAnalytics(directory.File($"analytics-{Guid.NewGuid():N}.db"));
            return new AnalyticsEngine(engine, sqlite.Store, sqlite.Tables, ct => TableDump.OfSqliteAsync(sqlite.Path, ct), null);
        }

        if (!_postgres.Available)
        {
            Assert.Skip(_postgres.UnavailableReason ?? "PostgreSQL is not available");
        }

        var connectionString = await _postgres.CreateDatabaseAsync("analytics", cancellationToken);
        var postgres = new PostgresLeadAnalytics(connectionString);
        await postgres.CreateSchemaAsync(cancellationToken);
        return new AnalyticsEngine(engine, postgres.Store, postgres.Tables, ct => TableDump.OfPostgresAsync(connectionString, ct), postgres);
    }

    public ValueTask DisposeAsync() => _postgres.DisposeAsync();
}

/// <summary>One analytics store: the projection's port, the tables the questions read, and a dump of every table.</summary>
public sealed record AnalyticsEngine(
    string Name,
    IProjectionStore<LeadTimeline> Store,
    IAnalyticsTables Tables,
    Func<CancellationToken, Task<IReadOnlyList<string>>> DumpAsync,
    IAsyncDisposable? Owner) : IAsyncDisposable
{
    public LeadAnalyticsQueries Queries(TimeProvider time) => new(Tables, time);

    public ValueTask DisposeAsync() => Owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class AnalyticsCollection : ICollectionFixture<AnalyticsDatabases>
{
    public const string Name = "analytics databases";
}
