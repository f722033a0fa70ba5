namespace Leads.EventStore.ContractTests;

/// <summary>The event store contract for reads: a stream and $all, forwards and backwards, whole and filtered.</summary>
public abstract class EventStoreReadContract(IEventStoreUnderTest target) : EventStoreContract(target)
{
    [Fact]
    public async Task The_store_has_one_identity()
    {
        var store = await CreateStoreAsync();

        var (first, second) = (await store.ReadStoreIdAsync(TestContext.Current.CancellationToken), await store.ReadStoreIdAsync(TestContext.Current.CancellationToken));

        Assert.False(string.IsNullOrWhiteSpace(first));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_missing_stream_reads_nothing_in_either_direction()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();

        Assert.Empty(await store.ReadAsync(stream, ReadDirection.Forwards));
        Assert.Empty(await store.ReadAsync(stream, ReadDirection.Backwards));
    }

    [Fact]
    public async Task Reading_forwards_from_a_revision_starts_there_and_honours_max_count()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(10));

        var events = await store.ReadAsync(stream, ReadDirection.Forwards, StreamPosition.At(4), maxCount: 3);

        Assert.Equal([4UL, 5UL, 6UL], events.Select(e => e.StreamRevision));
    }

    [Fact]
    public async Task Reading_backwards_from_the_end_returns_the_newest_first()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        var appended = TestEvents.Many(5);
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, appended);

        var events = await store.ReadAsync(stream, ReadDirection.Backwards, StreamPosition.End);

        Assert.Equal([4UL, 3UL, 2UL, 1UL, 0UL], events.Select(e => e.StreamRevision));
        Assert.Equal(appended.Reverse().Select(e => e.EventId), events.Select(e => e.EventId));
    }

    [Fact]
    public async Task Reading_backwards_from_a_revision_includes_it()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(5));

        var events = await store.ReadAsync(stream, ReadDirection.Backwards, StreamPosition.At(3), maxCount: 2);

        Assert.Equal([3UL, 2UL], events.Select(e => e.StreamRevision));
    }

    [Fact]
    public async Task Reading_the_last_event_backwards_gives_the_current_revision()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(3));
        await store.AppendOkAsync(stream, ExpectedRevision.Exact(2), TestEvents.Many(2));

        var last = Assert.Single(await store.ReadAsync(stream, ReadDirection.Backwards, StreamPosition.End, maxCount: 1));

        Assert.Equal(4UL, last.StreamRevision);
    }

    [Fact]
    public async Task Reading_past_the_end_of_a_stream_reads_nothing()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(2));

        Assert.Empty(await store.ReadAsync(stream, ReadDirection.Forwards, StreamPosition.At(2)));
    }

    [Fact]
    public async Task Reading_all_after_a_position_excludes_it_and_keeps_the_global_order()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        var first = await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());
        var second = await store.AppendOkAsync(stream, ExpectedRevision.Exact(0), TestEvents.New());
        var third = await store.AppendOkAsync(stream, ExpectedRevision.Exact(1), TestEvents.New());

        var all = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(first.Position, 100_000, Ct))
        {
            all.Add(e);
            if (e.Position >= third.Position)
            {
                break;
            }
        }

        Assert.All(all, e => Assert.True(e.Position > first.Position));
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal([second.Position, third.Position], all.Where(e => e.StreamId == stream).Select(e => e.Position));
    }

    [Fact]
    public async Task Reading_all_honours_max_count()
    {
        var store = await CreateStoreAsync();
        var stream = TestEvents.UniqueStream();
        var first = await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.New());
        var second = await store.AppendOkAsync(stream, ExpectedRevision.Exact(0), TestEvents.New());

        var all = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(first.Position, 1, Ct))
        {
            all.Add(e);
        }

        var only = Assert.Single(all);
        Assert.True(only.Position > first.Position && only.Position <= second.Position, $"{only.Position} is not in ({first.Position}, {second.Position}]");
    }

    [Fact]
    public async Task Reading_all_from_the_start_begins_with_the_oldest_events()
    {
        var store = await CreateStoreAsync();
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());

        var all = new List<RecordedEvent>();
        await foreach (var e in store.ReadAllAsync(null, 5, Ct))
        {
            all.Add(e);
        }

        Assert.InRange(all.Count, 1, 5);
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
    }

    [Fact]
    public async Task The_head_position_is_at_or_after_the_last_append()
    {
        var store = await CreateStoreAsync();
        var success = await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());

        var head = await store.ReadHeadPositionAsync(Ct);

        Assert.NotNull(head);
        Assert.True(head.Value >= success.Position, $"head {head} is before the last append {success.Position}");
    }

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
