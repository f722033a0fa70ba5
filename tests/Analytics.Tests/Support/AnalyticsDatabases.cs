using Leads.Analytics;
using Leads.Analytics.PostgreSql;
using Leads.Analytics.Sqlite;
using Leads.Projections;
using Leads.Testing;

namespace Analytics.Tests.Support;

/// <summary>
/// The engines lead-analytics runs on, for tests that run on each: SQLite in a temporary file, a real PostgreSQL
/// server of the collection's own (<see cref="PostgresNode"/>, Debian's package), and the same on a Testcontainers
/// PostgreSQL where Docker can start one (<see cref="PostgresContainer"/>); a fresh database per test. Without them the
/// PostgreSQL cases skip with the reason (the Debian one fails instead with <c>POSTGRES_REQUIRED=1</c>).
/// </summary>
public sealed class AnalyticsDatabases : IAsyncLifetime
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";
    public const string PostgreSqlContainer = "postgresql-testcontainers";

    private readonly PostgresNode _postgres = new();
    private readonly PostgresContainer _container = new();

    public static TheoryData<string> Engines => [Sqlite, PostgreSql, PostgreSqlContainer];

    public PostgresNode Postgres => _postgres;

    public async ValueTask InitializeAsync()
    {
        await _postgres.TryStartAsync();
        await _container.TryStartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Skips the calling test with the reason when <paramref name="engine"/> cannot run here. Call it before a property
    /// run: a skip thrown inside one would be reported as a failed sample.
    /// </summary>
    public IPostgresDatabases? Require(string engine)
    {
        if (engine == Sqlite)
        {
            return null;
        }

        IPostgresDatabases server = engine == PostgreSqlContainer ? _container : _postgres;
        if (!server.Available)
        {
            Assert.Skip(server.UnavailableReason ?? "PostgreSQL is not available");
        }

        return server;
    }

    /// <summary>A fresh, empty analytics store on the engine (skips the test when it is PostgreSQL and that is not here).</summary>
    public async Task<AnalyticsEngine> OpenAsync(string engine, TempDirectory directory, CancellationToken cancellationToken)
    {
        if (engine == Sqlite)
        {
            var sqlite = new SqliteLeadAnalytics(directory.File($"analytics-{Guid.NewGuid():N}.db"));
            return new AnalyticsEngine(engine, sqlite.Path, sqlite.Store, sqlite.Tables, ct => TableDump.OfSqliteAsync(sqlite.Path, ct), null);
        }

        var server = Require(engine);
        var connectionString = await server!.CreateDatabaseAsync("analytics", cancellationToken);
        var postgres = new PostgresLeadAnalytics(connectionString);
        await postgres.CreateSchemaAsync(cancellationToken);
        return new AnalyticsEngine(engine, connectionString, postgres.Store, postgres.Tables, ct => TableDump.OfPostgresAsync(connectionString, ct), postgres);
    }

    public async ValueTask DisposeAsync()
    {
        await _container.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

/// <summary>
/// One analytics store: where it is (the SQLite file, or the PostgreSQL connection string), the projection's port, the
/// tables the questions read, and a dump of every table.
/// </summary>
public sealed record AnalyticsEngine(
    string Name,
    string Location,
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
