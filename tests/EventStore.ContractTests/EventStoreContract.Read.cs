namespace Leads.EventStore.ContractTests;

public abstract partial class EventStoreContract
{
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
}
