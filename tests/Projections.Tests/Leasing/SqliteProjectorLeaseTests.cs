using Leads.Projections.Sqlite;
using Leads.Testing;

namespace Projections.Tests.Leasing;

/// <summary>The lease in the embedded control plane: one holder at a time, renewable by its holder, taken over once expired or released.</summary>
public sealed class SqliteProjectorLeaseTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _directory = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteProjectorLease Lease() => new(_directory.File("projections.db"), _clock);

    [Fact]
    public async Task A_free_lease_is_taken_and_another_owner_is_refused_while_it_lasts()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Duration, Ct));
        _clock.Advance(Duration - TimeSpan.FromMilliseconds(1));
        Assert.False(await lease.TryAcquireAsync("lead-views", "b", Duration, Ct));
        var holder = await lease.ReadAsync("lead-views", Ct);
        Assert.Equal("a", holder?.Owner);
    }

    [Fact]
    public async Task The_holder_renews_it_and_keeps_it_past_the_first_expiry()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Duration, Ct));
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Duration, Ct));
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.False(await lease.TryAcquireAsync("lead-views", "b", Duration, Ct));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(4), (await lease.ReadAsync("lead-views", Ct))!.ExpiresAt);
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_the_old_holder_cannot_renew_it()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Duration, Ct));
        _clock.Advance(Duration);
        Assert.True(await lease.TryAcquireAsync("lead-views", "b", Duration, Ct));
        Assert.False(await lease.TryAcquireAsync("lead-views", "a", Duration, Ct));
        Assert.Equal("b", (await lease.ReadAsync("lead-views", Ct))?.Owner);
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_only_its_holder_can_release_it()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Duration, Ct));
        await lease.ReleaseAsync("lead-views", "b", Ct);
        Assert.False(await lease.TryAcquireAsync("lead-views", "b", Duration, Ct));
        await lease.ReleaseAsync("lead-views", "a", Ct);
        Assert.Null(await lease.ReadAsync("lead-views", Ct));
        Assert.True(await lease.TryAcquireAsync("lead-views", "b", Duration, Ct));
    }

    [Fact]
    public async Task Leases_of_different_projections_are_independent()
    {
        var lease = Lease();
        Assert.True(await lease.TryAcquireAsync("lead-views", "a", Duration, Ct));
        Assert.True(await lease.TryAcquireAsync("lead-search", "b", Duration, Ct));
    }

    [Fact]
    public async Task Of_many_owners_racing_from_separate_connections_exactly_one_wins()
    {
        var path = _directory.File("projections.db");
        _ = Lease();
        var attempts = Enumerable.Range(0, 16).Select(i => Task.Run(
            () => new SqliteProjectorLease(path, _clock).TryAcquireAsync("lead-views", $"owner-{i}", Duration, Ct), Ct));
        var won = await Task.WhenAll(attempts);
        Assert.Single(won, w => w);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
