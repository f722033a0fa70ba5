using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Leads.EventStore.EventStoreDb.Protocol;

namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>What the client sends on Append and how it reads every kind of answer (against the protocol fake).</summary>
public sealed class AppendProtocolTests
{
    private static readonly EventData Proposed = new(
        Guid.Parse("2b5e9f4e-1c7a-4d7e-9a3b-5f0c1d2e3f40"),
        "LeadWasInitialized.v1",
        Encoding.UTF8.GetBytes("""{"leadId":1410}"""),
        new EventMetadata { CorrelationId = "corr-1", CausationId = "cause-1", UserId = "agent-7", TraceParent = "00-abc-def-01", CommandId = "cmd-42" });

    [Fact]
    public async Task Options_come_first_then_one_message_per_event_with_a_string_id_type_and_json_content_type()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        var second = Proposed with { EventId = Guid.NewGuid(), EventType = "NameChanged.v1" };

        await store.AppendAsync("lead-1410", ExpectedRevision.NoStream, [Proposed, second], FakeStores.Ct);

        var requests = Assert.Single(server.CallsTo("Append")).Requests.Cast<AppendReq>().ToList();
        Assert.Equal(
            [AppendReq.ContentOneofCase.Options, AppendReq.ContentOneofCase.ProposedMessage, AppendReq.ContentOneofCase.ProposedMessage],
            requests.Select(r => r.ContentCase));
        Assert.Equal("lead-1410", requests[0].Options.StreamIdentifier.StreamName.ToStringUtf8());
        var first = requests[1].ProposedMessage;
        Assert.Equal(UUID.ValueOneofCase.String, first.Id.ValueCase);
        Assert.Equal("2b5e9f4e-1c7a-4d7e-9a3b-5f0c1d2e3f40", first.Id.String);
        Assert.Equal(new Dictionary<string, string> { ["type"] = "LeadWasInitialized.v1", ["content-type"] = "application/json" }, first.Metadata.ToDictionary());
        Assert.Equal("""{"leadId":1410}""", first.Data.ToStringUtf8());
        Assert.Equal("NameChanged.v1", requests[2].ProposedMessage.Metadata["type"]);
    }

    [Fact]
    public async Task Our_metadata_travels_as_json_in_custom_metadata()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);

        await store.AppendAsync("lead-1", ExpectedRevision.Any, [Proposed], FakeStores.Ct);

        var proposed = ((AppendReq)Assert.Single(server.CallsTo("Append")).Requests[1]).ProposedMessage;
        using var json = JsonDocument.Parse(proposed.CustomMetadata.ToByteArray());
        Assert.Equal("corr-1", json.RootElement.GetProperty("$correlationId").GetString());
        Assert.Equal("cause-1", json.RootElement.GetProperty("$causationId").GetString());
        Assert.Equal("agent-7", json.RootElement.GetProperty("userId").GetString());
        Assert.Equal("00-abc-def-01", json.RootElement.GetProperty("traceparent").GetString());
        Assert.Equal("cmd-42", json.RootElement.GetProperty("commandId").GetString());
        Assert.False(json.RootElement.TryGetProperty("tracestate", out _), "absent values are left out");
    }

    /// <summary>The exact bytes of the options message for each expected-revision mode (stream "s").</summary>
    [Theory]
    [InlineData("any", "0a070a031a01732200")]
    [InlineData("no-stream", "0a070a031a01731a00")]
    [InlineData("stream-exists", "0a070a031a01732a00")]
    [InlineData("exact-5", "0a070a031a01731005")]
    [InlineData("exact-300", "0a080a031a017310ac02")]
    public async Task Expected_revision_encodings_are_byte_exact(string mode, string expectedHex)
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.AppendAnswer = (_, _) => new AppendResp { WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentNoStream = new Empty() } };
        await using var client = EventStoreDbClient.Create(server.ConnectionString, FakeStores.FastRetries);
        var expected = mode switch
        {
            "any" => ExpectedRevision.Any,
            "no-stream" => ExpectedRevision.NoStream,
            "stream-exists" => ExpectedRevision.StreamExists,
            "exact-5" => ExpectedRevision.Exact(5),
            _ => ExpectedRevision.Exact(300),
        };

        await client.AppendAsync("s", expected, [Proposed], FakeStores.Ct);

        var options = Assert.Single(server.CallsTo("Append")).Requests[0];
        Assert.Equal(expectedHex, Convert.ToHexStringLower(options.ToByteArray()));
    }

    [Fact]
    public async Task Success_carries_the_revision_and_both_commit_and_prepare_positions()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.AppendAnswer = (_, _) => new AppendResp
        {
            Success = new AppendResp.Types.Success { CurrentRevision = 7, Position = new AppendResp.Types.Position { CommitPosition = 9_000, PreparePosition = 8_800 } },
        };
        await using var store = FakeStores.Connect(server);

        var result = await store.AppendAsync("s", ExpectedRevision.Exact(6), [Proposed], FakeStores.Ct);

        Assert.Equal(new AppendResult.Success(7, new GlobalPosition(9_000, 8_800)), result);
    }

    [Fact]
    public async Task Wrong_expected_version_reads_the_current_fields()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.AppendAnswer = (_, _) => new AppendResp
        {
            WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentRevision = 4, CurrentRevision2060 = 99, ExpectedRevision = 2 },
        };
        await using var store = FakeStores.Connect(server);

        var result = await store.AppendAsync("s", ExpectedRevision.StreamExists, [Proposed], FakeStores.Ct);

        Assert.Equal(new AppendResult.WrongExpectedRevision(ExpectedRevision.StreamExists, 4), result);
    }

    [Fact]
    public async Task Wrong_expected_version_falls_back_to_the_legacy_fields()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.AppendAnswer = (_, _) => new AppendResp
        {
            WrongExpectedVersion = new AppendResp.Types.WrongExpectedVersion { CurrentRevision2060 = 11, ExpectedRevision2060 = 3 },
        };
        await using var store = FakeStores.Connect(server);

        var result = await store.AppendAsync("s", ExpectedRevision.StreamExists, [Proposed], FakeStores.Ct);

        Assert.Equal(new AppendResult.WrongExpectedRevision(ExpectedRevision.StreamExists, 11), result);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Wrong_expected_version_with_no_stream_has_no_actual_revision(bool legacyOnly)
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        var wrong = legacyOnly
            ? new AppendResp.Types.WrongExpectedVersion { NoStream2060 = new Empty() }
            : new AppendResp.Types.WrongExpectedVersion { CurrentNoStream = new Empty(), NoStream2060 = new Empty() };
        server.AppendAnswer = (_, _) => new AppendResp { WrongExpectedVersion = wrong };
        await using var store = FakeStores.Connect(server);

        var result = await store.AppendAsync("s", ExpectedRevision.StreamExists, [Proposed], FakeStores.Ct);

        Assert.Null(Assert.IsType<AppendResult.WrongExpectedRevision>(result).ActualRevision);
    }

    [Fact]
    public async Task A_deduplicated_success_without_position_reads_the_position_back()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);
        var original = await store.AppendAsync("s", ExpectedRevision.Any, [Proposed], FakeStores.Ct);
        server.AppendAnswer = (_, _) => new AppendResp { Success = new AppendResp.Types.Success { CurrentRevision = 0, NoPosition = new Empty() } };

        var retry = await store.AppendAsync("s", ExpectedRevision.Any, [Proposed], FakeStores.Ct);

        Assert.Equal(original, retry);
    }

    [Fact]
    public async Task Stream_deleted_is_a_typed_exception()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.FailNextCalls.Enqueue(Failure(StatusCode.FailedPrecondition, "stream-deleted", ("stream-name", "lead-9")));
        await using var store = FakeStores.Connect(server);

        var error = await Assert.ThrowsAsync<StreamDeletedException>(() => store.AppendAsync("lead-9", ExpectedRevision.Any, [Proposed], FakeStores.Ct));

        Assert.Equal("lead-9", error.StreamId);
    }

    [Fact]
    public async Task Maximum_append_size_exceeded_is_a_typed_exception_with_the_limit()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.FailNextCalls.Enqueue(Failure(StatusCode.InvalidArgument, "maximum-append-size-exceeded", ("maximum-append-size", "1048576")));
        await using var store = FakeStores.Connect(server);

        var error = await Assert.ThrowsAsync<MaximumAppendSizeExceededException>(() => store.AppendAsync("s", ExpectedRevision.Any, [Proposed], FakeStores.Ct));

        Assert.Equal(1_048_576, error.MaximumAppendSize);
    }

    [Fact]
    public async Task Access_denied_is_a_typed_exception_and_is_not_retried()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.FailNextCalls.Enqueue(Failure(StatusCode.PermissionDenied, "access-denied"));
        await using var store = FakeStores.Connect(server);

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.AppendAsync("s", ExpectedRevision.Any, [Proposed], FakeStores.Ct));

        Assert.Single(server.CallsTo("Append"));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.Aborted)]
    [InlineData(StatusCode.Internal)]
    public async Task Transient_failures_are_retried(StatusCode code)
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        server.FailNextCalls.Enqueue(new RpcException(new Status(code, "Server Is Not Ready")));
        server.FailNextCalls.Enqueue(new RpcException(new Status(code, "Server Is Not Ready")));
        await using var store = FakeStores.Connect(server);

        var result = await store.AppendAsync("s", ExpectedRevision.NoStream, [Proposed], FakeStores.Ct);

        Assert.IsType<AppendResult.Success>(result);
        Assert.Equal(3, server.CallsTo("Append").Count());
    }

    [Fact]
    public async Task Retries_give_up_with_a_transient_exception()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        for (var i = 0; i < 10; i++)
        {
            server.FailNextCalls.Enqueue(new RpcException(new Status(StatusCode.Unavailable, "Too Busy")));
        }

        await using var store = FakeStores.Connect(server);

        var error = await Assert.ThrowsAsync<EventStoreDbException>(() => store.AppendAsync("s", ExpectedRevision.Any, [Proposed], FakeStores.Ct));

        Assert.True(error.IsTransient);
        Assert.Equal(1 + FakeStores.FastRetries.RetryAttempts, server.CallsTo("Append").Count());
    }

    [Fact]
    public async Task A_not_leader_answer_is_followed_to_the_leader()
    {
        await using var leader = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var follower = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        follower.RedirectTo = new DnsEndPoint("127.0.0.1", leader.Port);
        await using var store = FakeStores.Connect(follower);

        var result = await store.AppendAsync("s", ExpectedRevision.NoStream, [Proposed], FakeStores.Ct);
        await store.AppendAsync("s", ExpectedRevision.Exact(0), [Proposed with { EventId = Guid.NewGuid() }], FakeStores.Ct);

        Assert.IsType<AppendResult.Success>(result);
        Assert.Single(follower.CallsTo("Append"));
        Assert.Equal(2, leader.CallsTo("Append").Count());
        Assert.Equal("true", leader.CallsTo("Append").First().Headers["requires-leader"]);
    }

    [Fact]
    public async Task Credentials_go_in_a_basic_authorization_header()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = EventStoreDbEventStore.Create($"esdb://admin:changeit@127.0.0.1:{server.Port}?tls=false", FakeStores.FastRetries);

        await store.AppendAsync("s", ExpectedRevision.Any, [Proposed], FakeStores.Ct);

        var header = Assert.Single(server.CallsTo("Append")).Headers["authorization"];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:changeit")), header);
    }

    [Fact]
    public async Task An_append_without_events_is_rejected_before_the_wire()
    {
        await using var server = await ProtocolFakeServer.StartAsync(FakeStores.Ct);
        await using var store = FakeStores.Connect(server);

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync("s", ExpectedRevision.Any, [], FakeStores.Ct));

        Assert.Empty(server.Calls);
    }

    private static RpcException Failure(StatusCode code, string kind, params (string Key, string Value)[] extra)
    {
        var trailers = new Metadata { { "exception", kind } };
        foreach (var (key, value) in extra)
        {
            trailers.Add(key, value);
        }

        return new RpcException(new Status(code, kind), trailers);
    }
}
