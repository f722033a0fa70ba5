using Leads.Projections.MongoDb;
using Leads.ReadStores.Tests.Servers;
using Leads.Testing;
using MongoDB.Driver;

namespace Leads.ReadStores.Tests.ProjectionsMongoDb;

/// <summary>
/// The projector lease on a real MongoDB (skipped, with the reason, where none is reachable): one holder at a time by
/// a conditional upsert, renewable by its holder, taken over once expired on the server's clock or released.
/// </summary>
public sealed class MongoProjectorLeaseTests(MongoServer server) : IClassFixture<MongoServer>, IAsyncDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);
    private IMongoDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private MongoProjectorLease Lease()
    {
        _database ??= server.NewDatabase(out _);
        return new MongoProjectorLease(_database, new MongoProjectionOptions(server.ConnectionString!));
    }

    [Fact]
    public async Task A_free_lease_is_taken_renewed_by_its_holder_and_refused_to_others()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Long, Ct));
        Assert.False(await lease.TryAcquireAsync("lead-views", "b", Long, Ct));
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Long, Ct));
        Assert.True(await lease.TryAcquireAsync("lead-search", "b", Long, Ct));
        Assert.Equal("a", (await lease.ReadAsync("lead-views", Ct))?.Owner);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_the_old_holder_cannot_renew_it()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", TimeSpan.FromMilliseconds(500), Ct));
        await Eventually.IsTrueAsync(
            () => lease.TryAcquireAsync("lead-views", "b", Long, Ct), TimeSpan.FromSeconds(15), "b takes the expired lease", Ct);
        Assert.False(await lease.TryAcquireAsync("lead-views", "a", Long, Ct));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_only_its_holder_can_release_it()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Long, Ct));
        await lease.ReleaseAsync("lead-views", "b", Ct);
        Assert.False(await lease.TryAcquireAsync("lead-views", "b", Long, Ct));
        await lease.ReleaseAsync("lead-views", "a", Ct);
        Assert.Null(await lease.ReadAsync("lead-views", Ct));
        Assert.True(await lease.TryAcquireAsync("lead-views", "b", Long, Ct));
    }

    [Fact]
    public async Task Of_many_owners_racing_exactly_one_wins()
    {
        var lease = Lease();
        var won = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => lease.TryAcquireAsync("lead-views", $"owner-{i}", Long, Ct)));
        Assert.Single(won, w => w);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await MongoServer.DropAsync(_database);
        }
    }
}
