namespace Leads.EventStore.ContractTests;

/// <summary>
/// Reads with a subscription filter: what a projection would receive, for its head and its lag. The store is shared,
/// so every test filters on a prefix of its own.
/// </summary>
public abstract partial class EventStoreContract
{
    [Fact]
    public async Task The_filtered_head_is_the_last_matching_event_not_the_last_event()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("head");
        await store.AppendOkAsync(prefix + "a", ExpectedRevision.NoStream, TestEvents.New());
        var last = await store.AppendOkAsync(prefix + "b", ExpectedRevision.NoStream, TestEvents.Many(2));
        var after = await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());

        var head = await store.ReadHeadPositionAsync(SubscriptionFilter.StreamPrefix(prefix), Ct);

        Assert.Equal(last.Position, head);
        Assert.True(await store.ReadHeadPositionAsync(Ct) >= after.Position);
    }

    [Fact]
    public async Task The_filtered_head_is_null_when_nothing_matches()
    {
        var store = await CreateStoreAsync();
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());

        Assert.Null(await store.ReadHeadPositionAsync(SubscriptionFilter.StreamPrefix(TestEvents.UniquePrefix("nothing")), Ct));
        Assert.Null(await store.ReadHeadPositionAsync(SubscriptionFilter.EventTypePrefix(TestEvents.UniquePrefix("NoType")), Ct));
    }

    [Fact]
    public async Task A_filtered_read_returns_only_matching_events_after_the_position_in_order()
    {
        var store = await CreateStoreAsync();
        var typePrefix = TestEvents.UniquePrefix("Read");
        var stream = TestEvents.UniqueStream();
        var first = await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New(typePrefix + "A"));
        var wanted = new[] { TestEvents.New(typePrefix + "B"), TestEvents.New(typePrefix + "C"), TestEvents.New(typePrefix + "D") };
        await store.AppendOkAsync(stream, ExpectedRevision.Exact(0), wanted[0], TestEvents.New("Other" + typePrefix), wanted[1]);
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.Many(3));
        await store.AppendOkAsync(stream, ExpectedRevision.Exact(3), wanted[2]);

        var all = await ReadFilteredAsync(store, first.Position, long.MaxValue, SubscriptionFilter.EventTypePrefix(typePrefix));
        var two = await ReadFilteredAsync(store, first.Position, 2, SubscriptionFilter.EventTypePrefix(typePrefix));
        var fromStart = await ReadFilteredAsync(store, null, long.MaxValue, SubscriptionFilter.EventTypePrefix(typePrefix));

        Assert.Equal(wanted.Select(e => e.EventId), all.Select(e => e.EventId));
        Assert.Equal(wanted[..2].Select(e => e.EventId), two.Select(e => e.EventId));
        Assert.Equal(4, fromStart.Count);
    }

    [Fact]
    public async Task Count_counts_matching_events_after_the_position_up_to_the_limit()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("count");
        var filter = SubscriptionFilter.StreamPrefix(prefix);
        var first = await store.AppendOkAsync(prefix + "a", ExpectedRevision.NoStream, TestEvents.Many(2));
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.Many(5));
        var last = await store.AppendOkAsync(prefix + "b", ExpectedRevision.NoStream, TestEvents.Many(3));

        Assert.Equal(5, await store.CountAsync(null, filter, 100, Ct));
        Assert.Equal(3, await store.CountAsync(first.Position, filter, 100, Ct));
        Assert.Equal(2, await store.CountAsync(first.Position, filter, 2, Ct));
        Assert.Equal(0, await store.CountAsync(last.Position, filter, 100, Ct));
        Assert.Equal(0, await store.CountAsync(null, SubscriptionFilter.StreamPrefix(TestEvents.UniquePrefix("none")), 100, Ct));
    }

    [Fact]
    public async Task Count_from_a_checkpoint_between_events_counts_only_what_follows_it()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("count-checkpoint");
        var filter = SubscriptionFilter.StreamPrefix(prefix);
        await store.AppendOkAsync(prefix + "a", ExpectedRevision.NoStream, TestEvents.New());
        var head = await store.ReadHeadPositionAsync(Ct);
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.From(head), SubscriptionFilter.StreamPrefix(TestEvents.UniquePrefix("none")));
        await probe.WaitForCaughtUpAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(2 * FilteredCheckpointInterval));
        var checkpoint = await probe.WaitForCheckpointAsync((await store.ReadAsync(stream))[FilteredCheckpointInterval - 1].Position);
        await store.AppendOkAsync(prefix + "b", ExpectedRevision.NoStream, TestEvents.Many(2));

        Assert.Equal(2, await store.CountAsync(checkpoint, filter, 100, Ct));
        Assert.Equal(2, (await ReadFilteredAsync(store, checkpoint, 100, filter)).Count);
    }

    private static async Task<List<RecordedEvent>> ReadFilteredAsync(IEventStore store, GlobalPosition? after, long maxCount, SubscriptionFilter filter)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(after, maxCount, filter, Ct))
        {
            events.Add(e);
        }

        return events;
    }
}
