using Leads.EventStore;
using Leads.IntegrationPublisher.Checkpoints;
using Leads.Projections;

namespace IntegrationEvents.Tests.Checkpoints;

/// <summary>The publisher's checkpoint file keeps EventStoreDB positions exactly: commit and prepare, any ulong.</summary>
public sealed class PublisherCheckpointsTests : IDisposable
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
        var path = Path.Combine(_directory, PublisherCheckpoints.FileName);
        await using (var checkpoints = new PublisherCheckpoints(path, PublisherCheckpoints.ProjectionName))
        {
            await checkpoints.CommitAsync(new GlobalPosition(commit, prepare), [], Ct);
        }

        await using var reopened = new PublisherCheckpoints(path, PublisherCheckpoints.ProjectionName);
        Assert.Equal(new GlobalPosition(commit, prepare), await reopened.ReadAsync(Ct));
    }

    [Fact]
    public async Task A_parked_event_round_trips_its_position_and_rewinding_before_it_drops_it()
    {
        await using var checkpoints = new PublisherCheckpoints(Path.Combine(_directory, PublisherCheckpoints.FileName), PublisherCheckpoints.ProjectionName);
        var at = new GlobalPosition(9_000_000_128, 9_000_000_064);
        var parked = new ParkedEvent("lead-1", 3, at, Guid.NewGuid(), "StatusChanged.v1", DateTimeOffset.UnixEpoch, false, "boom", 3, DateTimeOffset.UnixEpoch);
        await checkpoints.CommitAsync(at, [parked], Ct);

        var listed = Assert.Single(await checkpoints.ListParkedAsync(null, Ct));
        await checkpoints.RewindAsync(new GlobalPosition(9_000_000_128, 9_000_000_000), null, Ct);

        Assert.Equal((at, 3UL), (listed.Position, listed.StreamRevision));
        Assert.Empty(await checkpoints.ListParkedAsync(null, Ct));
        Assert.Null(await checkpoints.ReadAsync(Ct));
    }
}
