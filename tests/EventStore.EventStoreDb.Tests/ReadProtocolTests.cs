using System.Buffers.Binary;
using Google.Protobuf;
using Leads.EventStore.EventStoreDb.Protocol;
using ReadOptions = Leads.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>What the client sends on Read and how it reads each answer (against the protocol fake).</summary>
public sealed class ReadProtocolTests
{
    [Fact]
    public async Task Every_read_request_sets_uuid_option_and_compatibility_1()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);

        await store.ReadStreamAsync("s", ReadDirection.Forwards, StreamPosition.Start, 10, FakeStores.Ct).CollectAsync();
        await store.ReadStreamAsync("s", ReadDirection.Backwards, StreamPosition.End, 10, FakeStores.Ct).CollectAsync();
        await store.ReadAllAsync(null, 10, FakeStores.Ct).CollectAsync();
        await store.ReadHeadPositionAsync(FakeStores.Ct);

        var reads = server.CallsTo("Read").Select(c => Assert.IsType<ReadReq>(Assert.Single(c.Requests)).Options).ToList();
        Assert.Equal(4, reads.Count);
        Assert.All(reads, o => Assert.Equal(ReadOptions.Types.UUIDOption.ContentOneofCase.String, o.UuidOption.ContentCase));
        Assert.All(reads, o => Assert.Equal(1u, o.ControlOption.Compatibility));
        Assert.All(reads, o => Assert.False(o.ResolveLinks));
    }

    [Fact]
    public async Task A_stream_read_names_the_stream_direction_start_and_count()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);

        await store.ReadStreamAsync("lead-7", ReadDirection.Backwards, StreamPosition.At(12), 3, FakeStores.Ct).CollectAsync();

        var options = ((ReadReq)Assert.Single(server.CallsTo("Read")).Requests[0]).Options;
        Assert.Equal("lead-7", options.Stream.StreamIdentifier.StreamName.ToStringUtf8());
        Assert.Equal(12UL, options.Stream.Revision);
        Assert.Equal(ReadOptions.Types.ReadDirection.Backwards, options.ReadDirection);
        Assert.Equal(3UL, options.Count);
        Assert.Equal(ReadOptions.FilterOptionOneofCase.NoFilter, options.FilterOptionCase);
    }

    [Fact]
    public async Task Stream_not_found_reads_as_nothing()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);

        var events = await store.ReadStreamAsync("missing", ReadDirection.Forwards, StreamPosition.Start, 10, FakeStores.Ct).CollectAsync();

        Assert.Empty(events);
    }

    [Fact]
    public async Task A_structured_uuid_reads_as_the_same_guid()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Span<byte> bytes = stackalloc byte[16];
        Assert.True(id.TryWriteBytes(bytes, bigEndian: true, out _));
        var structured = new UUID.Types.Structured
        {
            MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes),
            LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
        };
        Assert.True(structured.LeastSignificantBits < 0, "the test covers a negative half");

        var recorded = await ReadOneScriptedAsync(e => e.Event.Event.Id = new UUID { Structured = structured });

        Assert.Equal(id, recorded.EventId);
    }

    [Fact]
    public async Task A_string_uuid_reads_as_the_same_guid()
    {
        var recorded = await ReadOneScriptedAsync(e => e.Event.Event.Id = new UUID { String = "0f8fad5b-d9cb-469f-a165-70867728950e" });

        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), recorded.EventId);
    }

    [Fact]
    public async Task Created_is_dotnet_ticks_since_the_unix_epoch_in_utc()
    {
        var when = new DateTimeOffset(2016, 11, 23, 9, 30, 15, TimeSpan.Zero).AddTicks(1234567);
        var ticks = (when.UtcTicks - DateTime.UnixEpoch.Ticks).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var recorded = await ReadOneScriptedAsync(e => e.Event.Event.Metadata["created"] = ticks);

        Assert.Equal(when, recorded.Created);
        Assert.Equal(TimeSpan.Zero, recorded.Created.Offset);
    }

    [Fact]
    public async Task A_recorded_event_carries_stream_revision_positions_type_data_and_metadata()
    {
        var recorded = await ReadOneScriptedAsync(_ => { });

        Assert.Equal("lead-1410", recorded.StreamId);
        Assert.Equal(5UL, recorded.StreamRevision);
        Assert.Equal(new GlobalPosition(4_242, 4_200), recorded.Position);
        Assert.Equal("StatusChanged.v1", recorded.EventType);
        Assert.Equal("""{"status":"Converted"}""", System.Text.Encoding.UTF8.GetString(recorded.Data.Span));
        Assert.Equal(new EventMetadata { CorrelationId = "c-9", UserId = "u-1" }, recorded.Metadata);
    }

    [Fact]
    public async Task Custom_metadata_that_is_not_ours_reads_as_empty()
    {
        var recorded = await ReadOneScriptedAsync(e => e.Event.Event.CustomMetadata = ByteString.CopyFromUtf8("not json"));

        Assert.Equal(EventMetadata.Empty, recorded.Metadata);
    }

    [Fact]
    public async Task Read_all_asks_for_one_more_and_skips_the_start_position_itself()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        var first = Assert.IsType<AppendResult.Success>(await store.AppendAsync("a", ExpectedRevision.NoStream, [New()], FakeStores.Ct));
        await store.AppendAsync("a", ExpectedRevision.Exact(0), [New(), New()], FakeStores.Ct);

        var events = await store.ReadAllAsync(first.Position, 2, FakeStores.Ct).CollectAsync();

        Assert.Equal([1UL, 2UL], events.Select(e => e.StreamRevision));
        var options = ((ReadReq)server.CallsTo("Read").First().Requests[0]).Options;
        Assert.Equal(first.Position.Commit, options.All.Position.CommitPosition);
        Assert.Equal(first.Position.Prepare, options.All.Position.PreparePosition);
        Assert.Equal(3UL, options.Count);
    }

    [Fact]
    public async Task Read_all_never_yields_system_events()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        await store.AppendAsync("a", ExpectedRevision.NoStream, [New()], FakeStores.Ct);
        server.Log.AppendSystem("$ce-a", "$>");
        await store.AppendAsync("b", ExpectedRevision.NoStream, [New()], FakeStores.Ct);

        var events = await store.ReadAllAsync(null, 100, FakeStores.Ct).CollectAsync();

        Assert.Equal(["a", "b"], events.Select(e => e.StreamId));
    }

    [Fact]
    public async Task The_head_is_the_last_position_in_all()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        var appended = Assert.IsType<AppendResult.Success>(await store.AppendAsync("a", ExpectedRevision.NoStream, [New()], FakeStores.Ct));

        Assert.Equal(appended.Position, await store.ReadHeadPositionAsync(FakeStores.Ct));
        var options = ((ReadReq)server.CallsTo("Read").Single().Requests[0]).Options;
        Assert.Equal(ReadOptions.Types.ReadDirection.Backwards, options.ReadDirection);
        Assert.Equal(ReadOptions.Types.AllOptions.AllOptionOneofCase.End, options.All.AllOptionCase);
        Assert.Equal(1UL, options.Count);
    }

    internal static EventData New(string type = "Tested") => new(Guid.NewGuid(), type, "{}"u8.ToArray(), EventMetadata.Empty);

    private static async Task<RecordedEvent> ReadOneScriptedAsync(Action<ReadResp> change)
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        var message = new ReadResp
        {
            Event = new ReadResp.Types.ReadEvent
            {
                Event = new ReadResp.Types.ReadEvent.Types.RecordedEvent
                {
                    Id = new UUID { String = Guid.NewGuid().ToString() },
                    StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8("lead-1410") },
                    StreamRevision = 5,
                    CommitPosition = 4_242,
                    PreparePosition = 4_200,
                    Metadata = { ["type"] = "StatusChanged.v1", ["content-type"] = "application/json", ["created"] = "0" },
                    CustomMetadata = ByteString.CopyFromUtf8("""{"$correlationId":"c-9","userId":"u-1","somethingElse":1}"""),
                    Data = ByteString.CopyFromUtf8("""{"status":"Converted"}"""),
                },
                NoPosition = new Empty(),
            },
        };
        change(message);
        server.ReadAnswer = _ => [message, new ReadResp { FirstStreamPosition = 0 }, new ReadResp { LastStreamPosition = 5 }];
        await using var store = FakeStores.Connect(server);

        return Assert.Single(await store.ReadStreamAsync("lead-1410", ReadDirection.Forwards, StreamPosition.Start, 10, FakeStores.Ct).CollectAsync());
    }
}
