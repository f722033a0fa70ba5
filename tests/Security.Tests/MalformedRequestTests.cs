using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Security.Tests.Fuzzing;

namespace Leads.Security.Tests;

/// <summary>
/// Regressions for what the hostile-input run found: each answer was Unknown (an exception thrown by the handler or
/// the request parser), or a status message so large that the caller's HTTP/2 connection failed with it.
/// </summary>
public abstract class MalformedRequestTests(HostilePlatform platform)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly HostilePlatform platform = platform.Running();

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x0A, 0x20, 0x41 })]
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x00, 0x01 })]
    public async Task A_body_that_is_not_a_protobuf_message_is_InvalidArgument_on_every_service(byte[] body)
    {
        foreach (var rpc in new[] { LeadCommands.Descriptor.Methods[0], LeadQueries.Descriptor.Methods[0], ProjectionAdmin.Descriptor.Methods[0] })
        {
            var (status, _) = await SendAsync(rpc, body);

            Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
            Assert.Contains($"not a valid {rpc.InputType.Name} message", status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_name_that_is_not_UTF8_is_InvalidArgument_and_writes_nothing()
    {
        var before = await EventStoreSnapshot.TakeAsync(platform.Store, TestContext.Current.CancellationToken);
        var body = WireMessage.Empty.Int64(1, 777_001).Bytes(2, [0x41, 0xED, 0xA0, 0x80, 0x42])
            .String(3, "utf8@example.com").String(4, "050-8139904").ToArray();

        var (status, _) = await SendAsync(LeadCommands.Descriptor.FindMethodByName("InitializeLead"), body);

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        var after = await EventStoreSnapshot.TakeAsync(platform.Store, TestContext.Current.CancellationToken);
        Assert.Equal(before.Sha256, after.Sha256);
    }

    [Theory]
    [InlineData(-62_135_596_801L, 0)]
    [InlineData(253_402_300_800L, 0)]
    [InlineData(long.MinValue, 0)]
    [InlineData(0L, -1)]
    [InlineData(0L, 1_000_000_000)]
    public async Task Time_travel_to_a_timestamp_outside_its_range_is_InvalidArgument_naming_at(long seconds, int nanos)
    {
        var body = WireMessage.Empty.Int64(1, 1410).Message(2, Timestamps.Of(seconds, nanos)).ToArray();

        var (status, trailers) = await SendAsync(LeadQueries.Descriptor.FindMethodByName("GetLeadAsOf"), body);

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Equal("at", trailers.GetValue("field"));
    }

    [Theory]
    [InlineData(long.MaxValue, 0)]
    [InlineData(1_700_000_000L, int.MaxValue)]
    public async Task A_reset_from_a_timestamp_outside_its_range_is_InvalidArgument_naming_from_time(long seconds, int nanos)
    {
        var body = WireMessage.Empty.String(1, "lead-views").Message(4, Timestamps.Of(seconds, nanos)).ToArray();

        var (status, trailers) = await SendAsync(ProjectionAdmin.Descriptor.FindMethodByName("ResetProjection"), body);

        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.Equal("from_time", trailers.GetValue("field"));
    }

    [Fact]
    public async Task A_megabyte_projection_name_is_NotFound_with_a_short_message()
    {
        var name = new string('p', HostileValues.OneMiB);

        var (status, _) = await SendAsync(ProjectionAdmin.Descriptor.FindMethodByName("PauseProjection"), WireMessage.Empty.String(1, name).ToArray());

        Assert.Equal(StatusCode.NotFound, status.StatusCode);
        Assert.True(status.Detail.Length < 1_000, $"the message is {status.Detail.Length} characters long");
    }

    private Task<(Status Status, Metadata Trailers)> SendAsync(Google.Protobuf.Reflection.MethodDescriptor rpc, byte[] body) =>
        RawCalls.SendAsync(ServiceCallInvokers.For(platform.Serving(rpc.Service.FullName)), rpc, body, Deadline, TestContext.Current.CancellationToken);

    [Collection(SqliteHostileCollection.Name)]
    public sealed class OnSqlite(SqliteHostilePlatform platform) : MalformedRequestTests(platform);

    [Collection(EventStoreDbHostileCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbHostilePlatform platform) : MalformedRequestTests(platform);
}
