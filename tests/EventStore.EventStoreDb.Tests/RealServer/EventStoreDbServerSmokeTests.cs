using Leads.EventStore.ContractTests;

namespace Leads.EventStore.EventStoreDb.Tests.RealServer;

/// <summary>
/// What a projector needs from a real server beyond the contract: catch up then follow live, and a reset that
/// replays from the start. Skipped where no server is reachable.
/// </summary>
[Collection(EventStoreDbServerCollection.Name)]
public sealed class EventStoreDbServerSmokeTests(EventStoreDbServerFixture server)
{
    [Fact]
    public async Task A_filtered_subscription_catches_up_follows_live_and_a_reset_replays_everything()
    {
        var store = server.RequireStore();
        var prefix = TestEvents.UniquePrefix("smoke");
        await store.AppendOkAsync(prefix + "1", ExpectedRevision.NoStream, TestEvents.Many(3));

        await using (var projector = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix(prefix)))
        {
            var caughtUp = await projector.WaitForCaughtUpAsync();
            await store.AppendOkAsync(prefix + "2", ExpectedRevision.NoStream, TestEvents.New());
            var live = await projector.WaitForEventsAsync(_ => true, 1);

            Assert.Equal(3, caughtUp.Count);
            Assert.Equal(prefix + "2", Assert.Single(live).StreamId);
        }

        await using var reset = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix(prefix));
        var replayed = await reset.WaitForCaughtUpAsync();
        Assert.Equal(4, replayed.Count);
        Assert.All(replayed, e => Assert.False(e.IsSystemEvent));
    }

    [Fact]
    public async Task Every_client_of_one_node_reads_the_same_store_identity()
    {
        var store = server.RequireStore();
        await using var another = EventStoreDbEventStore.Create(server.ConnectionString!);

        var (mine, theirs) = (await store.ReadStoreIdAsync(TestContext.Current.CancellationToken), await another.ReadStoreIdAsync(TestContext.Current.CancellationToken));

        Assert.Equal(mine, theirs);
        Assert.Matches("^[0-9a-f]{32}$", mine);
    }

    [Fact]
    public async Task A_checkpoint_resumes_at_exactly_the_next_event()
    {
        var store = server.RequireStore();
        var prefix = TestEvents.UniquePrefix("resume");
        await store.AppendOkAsync(prefix + "1", ExpectedRevision.NoStream, TestEvents.Many(4));
        List<RecordedEvent> firstTwo;
        await using (var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix(prefix)))
        {
            firstTwo = await probe.WaitForEventsAsync(_ => true, 2);
        }

        await using var resumed = SubscriptionProbe.Start(store, SubscriptionStart.After(firstTwo[^1].Position), SubscriptionFilter.StreamPrefix(prefix));
        var rest = await resumed.WaitForCaughtUpAsync();

        Assert.Equal([2UL, 3UL], rest.Select(e => e.StreamRevision));
    }
}
