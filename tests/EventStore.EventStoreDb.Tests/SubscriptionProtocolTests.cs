using Google.Protobuf;
using Leads.EventStore.ContractTests;
using Leads.EventStore.EventStoreDb.Protocol;
using ReadOptions = Leads.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>Catch-up subscriptions to $all: requests, answers, drops (against the protocol fake).</summary>
public sealed class SubscriptionProtocolTests
{
    [Theory]
    [InlineData(SubscriptionFilterKind.StreamPrefix)]
    [InlineData(SubscriptionFilterKind.EventTypePrefix)]
    [InlineData(SubscriptionFilterKind.None)]
    public async Task The_request_is_a_filtered_forward_subscription_to_all_with_a_multiplier_of_at_least_1(SubscriptionFilterKind kind)
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server, FakeStores.FastRetries with { CheckpointIntervalMultiplier = 0 });
        var filter = new SubscriptionFilter(kind, kind == SubscriptionFilterKind.None ? [] : ["lead-", "x-"]);

        await using (var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, filter))
        {
            await probe.WaitForCaughtUpAsync();
        }

        var options = ((ReadReq)server.CallsTo("Read").First().Requests[0]).Options;
        Assert.Equal(ReadOptions.CountOptionOneofCase.Subscription, options.CountOptionCase);
        Assert.Equal(ReadOptions.Types.ReadDirection.Forwards, options.ReadDirection);
        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.Start, options.All.AllOptionCase);
        Assert.Equal(ReadOptions.Types.UUIDOption.ContentOneofCase.String, options.UuidOption.ContentCase);
        Assert.Equal(ReadOptions.FilterOptionOneofCase.Filter, options.FilterOptionCase);
        Assert.Equal(32u, options.Filter.Max);
        Assert.Equal(1u, options.Filter.CheckpointIntervalMultiplier);
        switch (kind)
        {
            case SubscriptionFilterKind.StreamPrefix:
                Assert.Equal(["lead-", "x-"], options.Filter.StreamIdentifier.Prefix);
                break;
            case SubscriptionFilterKind.EventTypePrefix:
                Assert.Equal(["lead-", "x-"], options.Filter.EventType.Prefix);
                break;
            default:
                Assert.Equal(@"^[^\$].*", options.Filter.EventType.Regex);
                break;
        }
    }

    [Fact]
    public async Task Starting_after_a_position_sends_that_exact_commit_and_prepare_position()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);

        await using (var probe = SubscriptionProbe.Start(store, SubscriptionStart.After(new GlobalPosition(5_000, 4_992)), SubscriptionFilter.None))
        {
            await probe.WaitForCaughtUpAsync();
        }

        await using (var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromEnd, SubscriptionFilter.None))
        {
            await probe.WaitForCaughtUpAsync();
        }

        var requests = server.CallsTo("Read").Select(c => ((ReadReq)c.Requests[0]).Options.All).ToList();
        Assert.Equal((5_000UL, 4_992UL), (requests[0].Position.CommitPosition, requests[0].Position.PreparePosition));
        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.End, requests[1].AllOptionCase);
    }

    [Fact]
    public async Task Confirmation_event_checkpoint_and_caught_up_map_to_our_messages_and_system_events_never_pass()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.ReadAnswer = _ =>
        [
            new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = "sub-1" } },
            Event("lead-1", "LeadWasInitialized.v1", 100, 90),
            Event("$stats-1", "$statsCollected", 200, 190),
            Event("lead-1", "$metadata", 250, 240),
            new ReadResp { Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = 300, PreparePosition = 290 } },
            new ReadResp { CaughtUp = new ReadResp.Types.CaughtUp { Position = new ReadResp.Types.Position { CommitPosition = 310, PreparePosition = 300 } } },
            new ReadResp { FellBehind = new ReadResp.Types.FellBehind() },
            Event("lead-2", "NameChanged.v1", 400, 390),
            new ReadResp { CaughtUp = new ReadResp.Types.CaughtUp() },
        ];
        await using var store = FakeStores.Connect(server);
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.None);

        var messages = new List<SubscriptionMessage>();
        for (var i = 0; i < 4; i++)
        {
            messages.Add(await probe.NextAsync());
        }

        var first = Assert.IsType<SubscriptionMessage.Event>(messages[0]).Recorded;
        Assert.Equal(("lead-1", new GlobalPosition(100, 90)), (first.StreamId, first.Position));
        Assert.Equal(new SubscriptionMessage.Checkpoint(new GlobalPosition(300, 290)), messages[1]);
        Assert.Equal(new SubscriptionMessage.CaughtUp(new GlobalPosition(310, 300)), messages[2]);
        Assert.Equal("lead-2", Assert.IsType<SubscriptionMessage.Event>(messages[3]).Recorded.StreamId);
    }

    [Fact]
    public async Task Catches_up_then_follows_live_and_caught_up_carries_the_last_position_passed()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        await store.AppendAsync("lead-1", ExpectedRevision.NoStream, [ReadProtocolTests.New(), ReadProtocolTests.New()], FakeStores.Ct);
        await store.AppendAsync("other-1", ExpectedRevision.NoStream, [ReadProtocolTests.New()], FakeStores.Ct);
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix("lead-"));

        var caughtUp = await probe.WaitForCaughtUpAsync();
        await store.AppendAsync("lead-2", ExpectedRevision.NoStream, [ReadProtocolTests.New()], FakeStores.Ct);
        var live = await probe.WaitForEventsAsync(_ => true, 1);

        Assert.Equal(["lead-1", "lead-1"], caughtUp.Select(e => e.StreamId));
        Assert.Equal(new SubscriptionMessage.CaughtUp(caughtUp[^1].Position), probe.Seen.OfType<SubscriptionMessage.CaughtUp>().Single());
        Assert.Equal("lead-2", Assert.Single(live).StreamId);
    }

    [Fact]
    public async Task The_fake_like_a_real_node_sends_no_position_when_nothing_matches_and_the_client_never_passes_it_on()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var raw = RawClient.Connect(server);
        await using var store = FakeStores.Connect(server);

        var wire = await raw.SubscribeUntilCaughtUpAsync(RawClient.Subscription(null, "lead-", 32, 1));
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix("lead-"));
        await probe.WaitForCaughtUpAsync();
        var appended = Assert.IsType<AppendResult.Success>(await store.AppendAsync("lead-1", ExpectedRevision.NoStream, [ReadProtocolTests.New()], FakeStores.Ct));
        var live = await probe.WaitForEventsAsync(_ => true, 1);

        Assert.Contains(wire, r => r.Checkpoint is { CommitPosition: ulong.MaxValue, PreparePosition: ulong.MaxValue });
        Assert.Equal(ReadResp.ContentOneofCase.CaughtUp, wire[^1].ContentCase);
        Assert.Null(wire[^1].CaughtUp.Position);
        Assert.Empty(probe.Seen.OfType<SubscriptionMessage.Checkpoint>());
        Assert.Equal(new SubscriptionMessage.CaughtUp(null), probe.Seen.OfType<SubscriptionMessage.CaughtUp>().Single());
        Assert.Equal(appended.Position, Assert.Single(live).Position);
    }

    [Fact]
    public async Task A_caught_up_at_no_position_is_never_passed_on_as_a_position()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.ReadAnswer = _ =>
        [
            new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = "sub-1" } },
            new ReadResp { CaughtUp = new ReadResp.Types.CaughtUp { Position = new ReadResp.Types.Position { CommitPosition = ulong.MaxValue, PreparePosition = ulong.MaxValue } } },
        ];
        await using var store = FakeStores.Connect(server);
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.None);

        Assert.Equal(new SubscriptionMessage.CaughtUp(null), await probe.NextAsync());
    }

    [Fact]
    public async Task After_a_drop_it_resubscribes_after_the_last_event_and_delivers_each_event_once()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        await store.AppendAsync("lead-1", ExpectedRevision.NoStream, [.. Enumerable.Range(0, 5).Select(_ => ReadProtocolTests.New())], FakeStores.Ct);
        server.DropNextSubscriptionAfterEvents = 2;
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.StreamPrefix("lead-"));

        var events = await probe.WaitForEventsAsync(_ => true, 5);
        var afterTheFive = await probe.WaitForCaughtUpAsync();

        Assert.Equal([0UL, 1UL, 2UL, 3UL, 4UL], events.Select(e => e.StreamRevision));
        Assert.Empty(afterTheFive);
        Assert.Single(probe.Seen.OfType<SubscriptionMessage.CaughtUp>());
        var reads = server.CallsTo("Read").Select(c => ((ReadReq)c.Requests[0]).Options.All).ToList();
        Assert.Equal(2, reads.Count);
        Assert.Equal((events[1].Position.Commit, events[1].Position.Prepare), (reads[1].Position.CommitPosition, reads[1].Position.PreparePosition));
    }

    [Fact]
    public async Task A_transient_failure_to_open_is_retried()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.FailNextCalls.Enqueue(new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.Unavailable, "Server Is Not Ready")));
        await using var store = FakeStores.Connect(server);
        await using var probe = SubscriptionProbe.Start(store, SubscriptionStart.FromStart, SubscriptionFilter.None);

        await probe.WaitForCaughtUpAsync();

        Assert.Equal(2, server.CallsTo("Read").Count());
    }

    [Fact]
    public async Task Cancelling_ends_the_enumeration_cleanly()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(FakeStores.Ct);
        var seen = new List<SubscriptionMessage>();

        await foreach (var message in store.SubscribeToAllAsync(SubscriptionStart.FromStart, SubscriptionFilter.None, cancel.Token))
        {
            seen.Add(message);
            if (message is SubscriptionMessage.CaughtUp)
            {
                await cancel.CancelAsync();
            }
        }

        Assert.IsType<SubscriptionMessage.CaughtUp>(seen[^1]);
    }

    private static ReadResp Event(string stream, string type, ulong commit, ulong prepare) =>
        new()
        {
            Event = new ReadResp.Types.ReadEvent
            {
                Event = new ReadResp.Types.ReadEvent.Types.RecordedEvent
                {
                    Id = new UUID { String = Guid.NewGuid().ToString() },
                    StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(stream) },
                    CommitPosition = commit,
                    PreparePosition = prepare,
                    Metadata = { ["type"] = type, ["content-type"] = "application/json", ["created"] = "0" },
                },
                NoPosition = new Empty(),
            },
        };
}
