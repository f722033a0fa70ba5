using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Leads.EventStore.EventStoreDb.Protocol;
using ReadOptions = Leads.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace Leads.EventStore.EventStoreDb.Tests;

/// <summary>
/// The wire protocol without our client in between, to see exactly what a server (the protocol fake or a real node)
/// sends: the same observations on both show that the fake behaves like the real thing.
/// </summary>
internal sealed class RawClient(GrpcChannel channel) : IAsyncDisposable
{
    public static RawClient Connect(ProtocolFakeServer server) => new(GrpcChannel.ForAddress($"http://127.0.0.1:{server.Port}"));

    /// <summary>For an insecure node (<c>esdb://host:port?tls=false</c>).</summary>
    public static RawClient Connect(EventStoreDbConnectionString settings) =>
        new(GrpcChannel.ForAddress($"http://{settings.Nodes[0].Host}:{settings.Nodes[0].Port}"));

    /// <summary>A filtered subscription to $all on a stream prefix, from the start or strictly after a position.</summary>
    public static ReadReq Subscription(GlobalPosition? after, string streamPrefix, uint window, uint multiplier)
    {
        var all = new ReadOptions.Types.AllOptions();
        if (after is { } p)
        {
            all.Position = new ReadOptions.Types.Position { CommitPosition = p.Commit, PreparePosition = p.Prepare };
        }
        else
        {
            all.Start = new Empty();
        }

        return new ReadReq
        {
            Options = new ReadOptions
            {
                All = all,
                Subscription = new ReadOptions.Types.SubscriptionOptions(),
                Filter = new ReadOptions.Types.FilterOptions
                {
                    StreamIdentifier = new ReadOptions.Types.FilterOptions.Types.Expression { Prefix = { streamPrefix } },
                    Max = window,
                    CheckpointIntervalMultiplier = multiplier,
                },
                UuidOption = new ReadOptions.Types.UUIDOption { String = new Empty() },
                ControlOption = new ReadOptions.Types.ControlOption { Compatibility = 1 },
            },
        };
    }

    /// <summary>Every message up to and including caught_up (within a deadline), then cancels the call.</summary>
    public async Task<List<ReadResp>> SubscribeUntilCaughtUpAsync(ReadReq request)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(FakeStores.Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        using var call = new Streams.StreamsClient(channel).Read(request, cancellationToken: deadline.Token);
        var messages = new List<ReadResp>();
        while (await call.ResponseStream.MoveNext(deadline.Token))
        {
            messages.Add(call.ResponseStream.Current);
            if (call.ResponseStream.Current.ContentCase == ReadResp.ContentOneofCase.CaughtUp)
            {
                return messages;
            }
        }

        throw new RpcException(new Status(StatusCode.Unknown, "the subscription ended before caught_up"));
    }

    public ValueTask DisposeAsync()
    {
        channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
