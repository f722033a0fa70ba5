namespace Leads.EventStore.ContractTests;

/// <summary>The event store contract for catch-up subscriptions to $all: start, filters, checkpoints, live events.</summary>
public abstract class EventStoreSubscriptionContract(IEventStoreUnderTest target) : EventStoreContract(target)
{
    [Fact]
    public async Task Subscribing_from_the_start_delivers_existing_events_in_order_before_caught_up()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("from-start");
        var appended = TestEvents.Many(3);
        await store.AppendOkAsync(prefix + "a", ExpectedRevision.NoStream, appended[..2]);
        await store.AppendOkAsync(prefix + "b", ExpectedRevision.NoStream, appended[2]);

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix(prefix));
        var delivered = await probe.WaitForCaughtUpAsync();

        Assert.Equal(appended.Select(e => e.EventId), delivered.Select(e => e.EventId));
    }

    [Fact]
    public async Task Subscribing_after_a_position_excludes_that_position()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("after");
        var first = await store.AppendOkAsync(prefix + "s", ExpectedRevision.NoStream, TestEvents.New());
        var later = TestEvents.Many(2);
        await store.AppendOkAsync(prefix + "s", ExpectedRevision.Exact(0), later);

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.After(first.Position), SubscriptionFilter.StreamPrefix(prefix));
        var delivered = await probe.WaitForCaughtUpAsync();

        Assert.Equal(later.Select(e => e.EventId), delivered.Select(e => e.EventId));
        Assert.All(delivered, e => Assert.True(e.Position > first.Position));
    }

    [Fact]
    public async Task Subscribing_from_the_end_delivers_only_live_events()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("from-end");
        await store.AppendOkAsync(prefix + "s", ExpectedRevision.NoStream, TestEvents.New());

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromEnd, SubscriptionFilter.StreamPrefix(prefix));
        var beforeLive = await probe.WaitForCaughtUpAsync();
        var live = TestEvents.New();
        await store.AppendOkAsync(prefix + "s", ExpectedRevision.Exact(0), live);
        var delivered = await probe.WaitForEventsAsync(_ => true, 1);

        Assert.Empty(beforeLive);
        Assert.Equal(live.EventId, Assert.Single(delivered).EventId);
    }

    [Fact]
    public async Task After_caught_up_live_events_arrive_in_order_and_caught_up_comes_once()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("live");
        var head = await store.ReadHeadPositionAsync(Ct);

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.From(head), SubscriptionFilter.StreamPrefix(prefix));
        Assert.Empty(await probe.WaitForCaughtUpAsync());
        var first = TestEvents.New();
        var second = TestEvents.New();
        await store.AppendOkAsync(prefix + "a", ExpectedRevision.NoStream, first);
        await store.AppendOkAsync(prefix + "b", ExpectedRevision.NoStream, second);
        var delivered = await probe.WaitForEventsAsync(_ => true, 2);

        Assert.Equal([first.EventId, second.EventId], delivered.Select(e => e.EventId));
        Assert.True(delivered[0].Position < delivered[1].Position);
        Assert.Single(probe.Seen.OfType<SubscriptionMessage.CaughtUp>());
    }

    [Fact]
    public async Task A_stream_prefix_filter_delivers_only_matching_streams()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("stream-filter");
        var head = await store.ReadHeadPositionAsync(Ct);
        var matching = TestEvents.New();
        var later = TestEvents.New();
        await store.AppendOkAsync(prefix + "lead", ExpectedRevision.NoStream, matching);
        await store.AppendOkAsync("x" + prefix + "lead", ExpectedRevision.NoStream, TestEvents.New());
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.New());
        await store.AppendOkAsync(prefix + "other", ExpectedRevision.NoStream, later);

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.From(head), SubscriptionFilter.StreamPrefix(prefix));
        var delivered = await probe.WaitForCaughtUpAsync();

        Assert.Equal([matching.EventId, later.EventId], delivered.Select(e => e.EventId));
    }

    [Fact]
    public async Task An_event_type_prefix_filter_delivers_only_matching_types()
    {
        var store = await CreateStoreAsync();
        var typePrefix = TestEvents.UniquePrefix("T");
        var stream = TestEvents.UniqueStream();
        var head = await store.ReadHeadPositionAsync(Ct);
        var named = TestEvents.New(typePrefix + "NameChanged");
        var status = TestEvents.New(typePrefix + "StatusChanged");
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, named, TestEvents.New("Unrelated" + typePrefix), status);

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.From(head), SubscriptionFilter.EventTypePrefix(typePrefix));
        var delivered = await probe.WaitForCaughtUpAsync();

        Assert.Equal([named.EventId, status.EventId], delivered.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_filtered_subscription_checkpoints_past_events_it_filtered_out()
    {
        // What a real server guarantees: not a checkpoint at the end of catch-up (EventStoreDB's may lie before events
        // it just filtered out), but one every "checkpoint interval" scanned events. With twice that many filtered-out
        // events, a checkpoint reaches at least the interval-th of them, whatever else was scanned before them.
        var store = await CreateStoreAsync();
        var head = await store.ReadHeadPositionAsync(Ct);
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.From(head), SubscriptionFilter.StreamPrefix(TestEvents.UniquePrefix("none")));
        await probe.WaitForCaughtUpAsync();
        var stream = TestEvents.UniqueStream();
        await store.AppendOkAsync(stream, ExpectedRevision.NoStream, TestEvents.Many(2 * FilteredCheckpointInterval));
        var filteredOut = await store.ReadAsync(stream);
        var reached = filteredOut[FilteredCheckpointInterval - 1].Position;

        var checkpoint = await probe.WaitForCheckpointAsync(reached);

        Assert.True(checkpoint >= reached);
        Assert.Empty(probe.Seen.OfType<SubscriptionMessage.Event>());
    }

    [Fact]
    public async Task No_checkpoint_lies_at_or_before_where_the_subscription_started()
    {
        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("no-going-back");
        var first = await store.AppendOkAsync(prefix + "s", ExpectedRevision.NoStream, TestEvents.New());
        await store.AppendOkAsync(TestEvents.UniqueStream(), ExpectedRevision.NoStream, TestEvents.Many(3));

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.After(first.Position), SubscriptionFilter.StreamPrefix(prefix));
        await probe.WaitForCaughtUpAsync();

        Assert.All(probe.Seen.OfType<SubscriptionMessage.Checkpoint>(), c => Assert.True(c.Position > first.Position, $"checkpoint {c.Position} not after {first.Position}"));
    }

    [Fact]
    public async Task System_events_are_never_delivered()
    {
        if (!CanWriteSystemEvents)
        {
            Assert.Skip("This adapter cannot write '$'-prefixed streams, so there is no system event to filter.");
        }

        var store = await CreateStoreAsync();
        var prefix = TestEvents.UniquePrefix("sys");
        var head = await store.ReadHeadPositionAsync(Ct);
        var inSystemStream = TestEvents.New();
        var systemType = TestEvents.New("$" + prefix + "type");
        var marker = TestEvents.New();
        await store.AppendOkAsync("$" + prefix + "stream", ExpectedRevision.NoStream, inSystemStream);
        await store.AppendOkAsync(prefix + "stream", ExpectedRevision.NoStream, systemType, marker);

        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.From(head), SubscriptionFilter.None);
        await probe.WaitForEventsAsync(e => e.EventId == marker.EventId, 1);

        var delivered = probe.Seen.OfType<SubscriptionMessage.Event>().Select(m => m.Recorded).ToList();
        Assert.DoesNotContain(delivered, e => e.EventId == inSystemStream.EventId || e.EventId == systemType.EventId);
        Assert.DoesNotContain(delivered, e => e.IsSystemEvent);
    }

    [Fact]
    public async Task Cancelling_a_subscription_ends_it_without_an_exception()
    {
        var store = await CreateStoreAsync();
        var head = await store.ReadHeadPositionAsync(Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var received = 0;

        var consumer = Task.Run(
            async () =>
            {
                await foreach (var message in store.SubscribeToAllAsync(SubscriptionStart.From(head), SubscriptionFilter.StreamPrefix(TestEvents.UniquePrefix("cancel")), cancel.Token).WithCancellation(cancel.Token))
                {
                    if (message is SubscriptionMessage.CaughtUp)
                    {
                        Interlocked.Increment(ref received);
                        await cancel.CancelAsync();
                    }
                }
            },
            Ct);

        await consumer.WaitAsync(SubscriptionProbe.Deadline, Ct);
        Assert.Equal(1, received);
    }
}
