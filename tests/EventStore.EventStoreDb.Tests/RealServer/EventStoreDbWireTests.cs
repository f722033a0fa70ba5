using Leads.EventStore.ContractTests;
using Leads.EventStore.EventStoreDb.Protocol;

namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>
/// What a real node sends on the wire, observed without our client: the behaviours the protocol fake reproduces
/// (see <see cref="SubscriptionProtocolTests"/>). A change of the server that breaks one of them fails here first.
/// </summary>
[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbWireTests(EventStoreDbServerFixture server)
{
    [Fact]
    public async Task Catch_up_checkpoints_start_at_the_start_position_and_the_last_is_not_past_filtered_out_events_and_caught_up_has_no_position()
    {
        var store = server.RequireStore();
        await using var raw = RawClient.Connect(store.Client.Settings);
        var start = await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());
        var filteredOut = await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.Many(3));

        var wire = await raw.SubscribeUntilCaughtUpAsync(RawClient.Subscription(start.Position, TestEvents.UniquePrefix("none"), 32, 1));
        var checkpoints = wire.Where(r => r.ContentCase == ReadResp.ContentOneofCase.Checkpoint).Select(r => r.Checkpoint).ToList();

        Assert.Equal((start.Position.Commit, start.Position.Prepare), (checkpoints[0].CommitPosition, checkpoints[0].PreparePosition));
        Assert.All(checkpoints, c => Assert.True(c.CommitPosition < filteredOut.Position.Commit));
        Assert.Equal(ReadResp.ContentOneofCase.CaughtUp, wire[^1].ContentCase);
        Assert.Null(wire[^1].CaughtUp.Position);
        Assert.DoesNotContain(wire, r => r.ContentCase == ReadResp.ContentOneofCase.FellBehind);
    }

    [Fact]
    public async Task Catch_up_checkpoints_after_the_first_carry_prepare_position_0()
    {
        var store = server.RequireStore();
        await using var raw = RawClient.Connect(store.Client.Settings);
        var start = await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.Many(100));

        var wire = await raw.SubscribeUntilCaughtUpAsync(RawClient.Subscription(start.Position, TestEvents.UniquePrefix("none"), 32, 1));
        var later = wire.Where(r => r.ContentCase == ReadResp.ContentOneofCase.Checkpoint).Skip(1).Select(r => r.Checkpoint).ToList();

        Assert.NotEmpty(later);
        Assert.All(later, c => Assert.Equal(0UL, c.PreparePosition));
        Assert.All(later, c => Assert.True(c.CommitPosition > start.Position.Commit));
    }

    [Fact]
    public async Task A_catch_up_checkpoint_is_a_valid_place_to_resume_and_to_count_from()
    {
        var store = server.RequireStore();
        var prefix = TestEvents.UniquePrefix("resume-at-0");
        var start = await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.Many(100));
        var matching = await store.AppendOkAsync(prefix + "1", ExpectedRevision.NoStream, TestEvents.Many(2));
        await using var raw = RawClient.Connect(store.Client.Settings);
        var wire = await raw.SubscribeUntilCaughtUpAsync(RawClient.Subscription(start.Position, prefix, 32, 1));
        var last = wire.Last(r => r.ContentCase == ReadResp.ContentOneofCase.Checkpoint && r.Checkpoint.PreparePosition == 0).Checkpoint;
        var checkpoint = new GlobalPosition(last.CommitPosition, last.PreparePosition);

        await using var resumed = SubscriptionProbe.Start(store, SubscriptionStart.After(checkpoint), SubscriptionFilter.StreamPrefix(prefix));
        var delivered = await resumed.WaitForCaughtUpAsync();
        var read = await store.ReadAllAsync(checkpoint, 10, SubscriptionFilter.StreamPrefix(prefix), FakeStores.Ct).CollectAsync();

        Assert.Equal(2, delivered.Count);
        Assert.Equal(matching.Position, delivered[^1].Position);
        Assert.Equal(2, read.Count);
        Assert.Equal(2, await store.CountAsync(checkpoint, SubscriptionFilter.StreamPrefix(prefix), 100, FakeStores.Ct));
    }

    [Fact]
    public async Task Live_checkpoints_come_at_the_exact_position_of_every_window_times_multiplier_th_scanned_event()
    {
        var store = server.RequireStore();
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromEnd, SubscriptionFilter.StreamPrefix(TestEvents.UniquePrefix("none")));
        await probe.WaitForCaughtUpAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(64));
        var scanned = (await store.ReadAsync(stream)).Select(e => e.Position).ToHashSet();

        var checkpoint = await probe.WaitForCheckpointAsync(GlobalPosition.Start);

        Assert.Contains(checkpoint, scanned);
    }
}
