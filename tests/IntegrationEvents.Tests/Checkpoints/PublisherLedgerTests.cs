using Leads.EventStore;
using Leads.IntegrationPublisher.Publishing;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.ReadStores;

namespace IntegrationEvents.Tests.Checkpoints;

/// <summary>The publisher's checkpoint file keeps EventStoreDB positions exactly: commit and prepare, any ulong.</summary>
public sealed class PublisherLedgerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("publisher-checkpoints-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(548UL, 548UL)]
    [InlineData(5_844UL, 0UL)]
    [InlineData(1_000_064UL, 1_000_056UL)]
    [InlineData((ulong)long.MaxValue + 1, 7UL)]
    [InlineData(ulong.MaxValue, ulong.MaxValue)]
    public async Task A_checkpoint_round_trips_commit_and_prepare_without_overflow(ulong commit, ulong prepare)
    {
        var path = PublisherLedger.FileIn(_directory);
        await Open(path).Store<LeadOutbox>().CommitAsync(Commit(new GlobalPosition(commit, prepare)), Ct);

        var reopened = Open(path);
        Assert.Equal(new GlobalPosition(commit, prepare), await reopened.ReadCheckpointAsync(Ct));
    }

    [Fact]
    public async Task A_parked_event_round_trips_its_position_and_rewinding_before_it_drops_it()
    {
        var ledger = Open(PublisherLedger.FileIn(_directory));
        var store = ledger.Store<LeadOutbox>();
        var at = new GlobalPosition(9_000_000_128, 9_000_000_064);
        var parked = new ParkedEvent("lead-1", 3, at, Guid.NewGuid(), "StatusChanged.v1", DateTimeOffset.UnixEpoch, false, "boom", 3, DateTimeOffset.UnixEpoch);
        await store.CommitAsync(Commit(at, parked), Ct);

        var listed = Assert.Single(await ledger.ListParkedAsync(null, Ct));
        await store.RewindAsync(new ProjectionRewind<LeadOutbox>(new GlobalPosition(9_000_000_128, 9_000_000_000), [], null), Ct);

        Assert.Equal((at, 3UL), (listed.Position, listed.StreamRevision));
        Assert.Empty(await ledger.ListParkedAsync(null, Ct));
        Assert.Null(await ledger.ReadCheckpointAsync(Ct));
    }

    private static SqliteLedgerFile Open(string path) => new(path, PublisherLedger.ProjectionName);

    private static ProjectionCommit<LeadOutbox> Commit(GlobalPosition checkpoint, params ParkedEvent[] parked) => new([], parked, checkpoint);
}
