using Google.Protobuf;
using Leads.EventStore.ContractTests;
using Leads.EventStore.EventStoreDb.Protocol;
using ReadOptions = Leads.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>Checkpoints of catch-up subscriptions to $all: where they start, what they carry, how positions move (against the protocol fake).</summary>
public sealed class SubscriptionCheckpointProtocolTests
{
    [Fact]
    public async Task Catch_up_checkpoints_start_at_the_start_position_carry_prepare_0_and_the_last_is_not_past_filtered_out_events()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var raw = RawClient.Connect(server);
        await using var store = FakeStores.Connect(server);
        var start = Assert.IsType<AppendResult.Success>(await store.AppendAsync("other-0", ExpectedRevision.NoStream, [ReadProtocolTests.New()], FakeStores.Ct));
        var filteredOut = Assert.IsType<AppendResult.Success>(await store.AppendAsync("other-1", ExpectedRevision.NoStream, [.. Enumerable.Range(0, 40).Select(_ => ReadProtocolTests.New())], FakeStores.Ct));

        var wire = await raw.SubscribeUntilCaughtUpAsync(RawClient.Subscription(start.Position, "lead-", 32, 1));
        var checkpoints = wire.Where(r => r.ContentCase == ReadResp.ContentOneofCase.Checkpoint).Select(r => r.Checkpoint).ToList();
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.After(start.Position), SubscriptionFilter.StreamPrefix("lead-"));
        await probe.WaitForCaughtUpAsync();

        Assert.Equal(2, checkpoints.Count);
        Assert.Equal((start.Position.Commit, start.Position.Prepare), (checkpoints[0].CommitPosition, checkpoints[0].PreparePosition));
        Assert.Equal(0UL, checkpoints[1].PreparePosition);
        Assert.True(checkpoints[1].CommitPosition < filteredOut.Position.Commit);
        var passedOn = Assert.Single(probe.Seen.OfType<SubscriptionMessage.Checkpoint>());
        Assert.Equal(new GlobalPosition(checkpoints[1].CommitPosition, 0), passedOn.Position);
        Assert.True(passedOn.Position > start.Position);
    }

    [Fact]
    public async Task A_catch_up_checkpoint_with_prepare_0_skips_no_event_on_resubscribing()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        await store.AppendAsync("other-1", ExpectedRevision.NoStream, [.. Enumerable.Range(0, 40).Select(_ => ReadProtocolTests.New())], FakeStores.Ct);
        await store.AppendAsync("lead-1", ExpectedRevision.NoStream, [ReadProtocolTests.New()], FakeStores.Ct);
        GlobalPosition checkpoint;
        await using (var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix("lead-")))
        {
            await probe.WaitForCaughtUpAsync();
            checkpoint = probe.Seen.OfType<SubscriptionMessage.Checkpoint>().Last().Position;
        }

        var next = server.Log.All.First(e => e.Commit == checkpoint.Commit);
        await using var resumed = SubscriptionProbe.Start(store, SubscriptionStart.After(checkpoint), SubscriptionFilter.None);
        var delivered = await resumed.WaitForCaughtUpAsync();

        Assert.Equal(0UL, checkpoint.Prepare);
        Assert.Equal(next.Id, delivered[0].EventId.ToString());
        Assert.Equal(1, await store.CountAsync(checkpoint, SubscriptionFilter.StreamPrefix("lead-"), 100, FakeStores.Ct));
    }

    [Fact]
    public async Task Live_checkpoints_come_every_window_times_multiplier_scanned_events_at_that_events_position()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server, FakeStores.FastRetries with { FilterMaxSearchWindow = 4, CheckpointIntervalMultiplier = 2 });
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromEnd, SubscriptionFilter.StreamPrefix("lead-"));
        await probe.WaitForCaughtUpAsync();

        await store.AppendAsync("other-1", ExpectedRevision.NoStream, [.. Enumerable.Range(0, 17).Select(_ => ReadProtocolTests.New())], FakeStores.Ct);
        var scanned = server.Log.All.Where(e => e.Stream == "other-1").ToList();
        var first = await probe.NextAsync();
        var second = await probe.NextAsync();

        Assert.Equal(new SubscriptionMessage.Checkpoint(new GlobalPosition(scanned[7].Commit, scanned[7].Prepare)), first);
        Assert.Equal(new SubscriptionMessage.Checkpoint(new GlobalPosition(scanned[15].Commit, scanned[15].Prepare)), second);
    }

    [Fact]
    public async Task Positions_are_byte_offsets_with_gaps_and_system_events_move_the_head_but_not_the_filtered_head()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        var a = Assert.IsType<AppendResult.Success>(await store.AppendAsync("lead-1", ExpectedRevision.NoStream, [ReadProtocolTests.New()], FakeStores.Ct));
        var b = Assert.IsType<AppendResult.Success>(await store.AppendAsync("lead-1", ExpectedRevision.Exact(0), [ReadProtocolTests.New()], FakeStores.Ct));
        server.Log.AppendSystem("$stats-127.0.0.1:2113", "$statsCollected");

        var head = await store.ReadHeadPositionAsync(FakeStores.Ct);
        var leadHead = await store.ReadHeadPositionAsync(SubscriptionFilter.StreamPrefix("lead-"), FakeStores.Ct);

        Assert.True(b.Position.Commit - a.Position.Commit > 1);
        Assert.NotEqual(b.Position.Commit, b.Position.Prepare);
        Assert.True(head > b.Position);
        Assert.Equal(b.Position, leadHead);
        Assert.Equal(0, await store.CountAsync(b.Position, SubscriptionFilter.StreamPrefix("lead-"), 100, FakeStores.Ct));
    }
}
