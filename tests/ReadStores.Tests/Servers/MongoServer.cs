using Leads.Projections.MongoDb;
using Leads.Testing;
using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace Leads.ReadStores.Tests.Servers;

/// <summary>
/// A MongoDB server for the real-server tests, shared by a test class: <c>MONGO_CONNECTION</c> when set, else a
/// single-node replica set in a Testcontainers container when a Docker engine answers. Otherwise
/// <see cref="SkipReason"/> says why, and every test that needs it calls <c>Assert.Skip</c> with it.
/// </summary>
public sealed class MongoServer : IAsyncLifetime
{
    public const string Image = "mongo:7.0";

    private MongoDbContainer? _container;

    public string? ConnectionString { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("MONGO_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }

        if (DockerEngine.WhyUnavailable is { } why)
        {
            SkipReason = $"skipped: no Docker and no MONGO_CONNECTION: {why}";
            return;
        }

        if (DockerEngine.WhyImageMissing(Image) is { } missing)
        {
            SkipReason = $"skipped: no MONGO_CONNECTION and {missing}";
            return;
        }

        _container = new MongoDbBuilder(Image).WithReplicaSet("rs0").Build();
        try
        {
            await _container.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SkipReason = $"skipped: a Docker engine answers but {Image} did not start: {ex.Message}";
            return;
        }

        ConnectionString = _container.GetConnectionString();
    }

    /// <summary>A database of its own for one test (dropped by <see cref="DropAsync"/>).</summary>
    public IMongoDatabase NewDatabase(out MongoProjectionOptions options)
    {
        if (SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        options = new MongoProjectionOptions(ConnectionString!) { Database = "leads_test_" + Guid.NewGuid().ToString("N")[..12] };
        return MongoConnection.OpenDatabase(options);
    }

    public static Task DropAsync(IMongoDatabase database) =>
        database.Client.DropDatabaseAsync(database.DatabaseNamespace.DatabaseName, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
