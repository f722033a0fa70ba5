using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using Leads.EventStore.EventStoreDb.Protocol;
using ReadOptions = Leads.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace Leads.EventStore.EventStoreDb.Tests.ProtocolFake;

/// <summary>The server side of the protocol fake (see <see cref="ProtocolFakeServer"/>).</summary>
internal sealed class FakeStreamsService(ProtocolFakeServer.ServerHolder holder) : Streams.StreamsBase
{
    private ProtocolFakeServer Server => holder.Server;

    public override async Task<AppendResp> Append(IAsyncStreamReader<AppendReq> requestStream, ServerCallContext context)
    {
        var requests = new List<AppendReq>();
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            requests.Add(requestStream.Current);
        }

        Record("Append", context, requests);
        Intercept();
        if (requests.Count == 0 || requests[0].ContentCase != AppendReq.ContentOneofCase.Options
            || requests.Skip(1).Any(r => r.ContentCase != AppendReq.ContentOneofCase.ProposedMessage))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "options first, then proposed messages"));
        }

        var options = requests[0].Options;
        var events = requests.Skip(1).Select(r => r.ProposedMessage).ToList();
        if (events.Any(e => !e.Metadata.ContainsKey("type") || !e.Metadata.ContainsKey("content-type")))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "missing metadata"), new Metadata { { "exception", "missing-required-metadata-property" } });
        }

        return Server.AppendAnswer?.Invoke(options, events)
            ?? Server.Log.Append(options.StreamIdentifier.StreamName.ToStringUtf8(), options, events);
    }

    public override async Task Read(ReadReq request, IServerStreamWriter<ReadResp> responseStream, ServerCallContext context)
    {
        Record("Read", context, [request]);
        Intercept();
        var options = request.Options;
        if (options.UuidOption is null || options.UuidOption.ContentCase == ReadOptions.Types.UUIDOption.ContentOneofCase.None)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "uuid_option is required"));
        }

        if (Server.ReadAnswer?.Invoke(request) is { } scripted)
        {
            foreach (var response in scripted)
            {
                await responseStream.WriteAsync(response, context.CancellationToken);
            }

            if (options.CountOptionCase == ReadOptions.CountOptionOneofCase.Subscription)
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }

            return;
        }

        if (options.CountOptionCase == ReadOptions.CountOptionOneofCase.Subscription)
        {
            await SubscribeAsync(options, responseStream, context.CancellationToken);
        }
        else if (options.StreamOptionCase == ReadOptions.StreamOptionOneofCase.Stream)
        {
            await ReadStreamAsync(options, responseStream, context.CancellationToken);
        }
        else
        {
            await ReadAllAsync(options, responseStream, context.CancellationToken);
        }
    }

    public static ReadResp EventMessage(StoredEvent e) =>
        new()
        {
            Event = new ReadResp.Types.ReadEvent
            {
                Event = new ReadResp.Types.ReadEvent.Types.RecordedEvent
                {
                    Id = new UUID { String = e.Id },
                    StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(e.Stream) },
                    StreamRevision = e.Revision,
                    CommitPosition = e.Commit,
                    PreparePosition = e.Prepare,
                    Metadata = { e.Metadata.ToDictionary() },
                    CustomMetadata = e.CustomMetadata,
                    Data = e.Data,
                },
                NoPosition = new Empty(),
            },
        };

    private async Task ReadStreamAsync(ReadOptions options, IServerStreamWriter<ReadResp> output, CancellationToken cancellationToken)
    {
        var stream = options.Stream.StreamIdentifier.StreamName.ToStringUtf8();
        var events = Server.Log.All.Where(e => e.Stream == stream).ToList();
        if (events.Count == 0)
        {
            await output.WriteAsync(new ReadResp { StreamNotFound = new ReadResp.Types.StreamNotFound { StreamIdentifier = options.Stream.StreamIdentifier } }, cancellationToken);
            return;
        }

        var forwards = options.ReadDirection == ReadOptions.Types.ReadDirection.Forwards;
        var from = options.Stream.RevisionOptionCase switch
        {
            ReadOptions.Types.StreamOptions.RevisionOptionOneofCase.Revision => options.Stream.Revision,
            ReadOptions.Types.StreamOptions.RevisionOptionOneofCase.End => ulong.MaxValue,
            _ => 0UL,
        };
        var selected = forwards ? events.Where(e => e.Revision >= from) : events.AsEnumerable().Reverse().Where(e => e.Revision <= from);
        foreach (var e in selected.Take((int)Math.Min(options.Count, int.MaxValue)))
        {
            await output.WriteAsync(EventMessage(e), cancellationToken);
        }

        if (options.ControlOption?.Compatibility >= 1)
        {
            await output.WriteAsync(new ReadResp { LastStreamPosition = events[^1].Revision }, cancellationToken);
        }
    }

    private async Task ReadAllAsync(ReadOptions options, IServerStreamWriter<ReadResp> output, CancellationToken cancellationToken)
    {
        var all = Server.Log.All;
        var forwards = options.ReadDirection == ReadOptions.Types.ReadDirection.Forwards;
        IEnumerable<StoredEvent> selected = options.All.AllOptionCase switch
        {
            ReadOptions.Types.AllOptions.AllOptionOneofCase.Position when forwards => all.Where(e => !Before(e, options.All.Position)),
            ReadOptions.Types.AllOptions.AllOptionOneofCase.Position => all.AsEnumerable().Reverse().Where(e => !After(e, options.All.Position)),
            ReadOptions.Types.AllOptions.AllOptionOneofCase.End when forwards => [],
            _ => forwards ? all : all.AsEnumerable().Reverse(),
        };
        if (options.FilterOptionCase == ReadOptions.FilterOptionOneofCase.Filter)
        {
            // A filtered finite read counts matching events only, forwards or backwards.
            var filter = options.Filter;
            selected = selected.Where(e => Matches(filter, e));
        }

        foreach (var e in selected.Take((int)Math.Min(options.Count, int.MaxValue)))
        {
            await output.WriteAsync(EventMessage(e), cancellationToken);
        }
    }

    /// <summary>
    /// A catch-up subscription as a 24.10 node answers it (see the protocol notes and the real-server wire tests):
    /// confirmation; when filtered and there is anything to catch up, a checkpoint at the start position itself (0/0
    /// from the start, or 2^64 - 1 "no position" when the log is shorter than one checkpoint interval and nothing in it
    /// matches); during catch-up a checkpoint every window x multiplier scanned events at the commit position of the
    /// next event with prepare position 0; no checkpoint at the end of catch-up (so the last one may lie before events
    /// just filtered out); caught_up without a position; then live events with a checkpoint every window x multiplier
    /// scanned events at that event's exact position. Never fell_behind.
    /// </summary>
    private async Task SubscribeAsync(ReadOptions options, IServerStreamWriter<ReadResp> output, CancellationToken cancellationToken)
    {
        var filter = options.FilterOptionCase == ReadOptions.FilterOptionOneofCase.Filter ? options.Filter : null;
        if (filter is { CheckpointIntervalMultiplier: 0 })
        {
            throw new RpcException(new Status(StatusCode.Unknown, "checkpoint interval multiplier must be at least 1"));
        }

        var interval = filter is null ? 0 : (int)(Math.Max(filter.Max, 1) * filter.CheckpointIntervalMultiplier);
        var dropAfter = Server.DropNextSubscriptionAfterEvents;
        Server.DropNextSubscriptionAfterEvents = null;

        await output.WriteAsync(new ReadResp { Confirmation = new ReadResp.Types.SubscriptionConfirmation { SubscriptionId = Guid.NewGuid().ToString() } }, cancellationToken);

        var snapshot = Server.Log.All;
        var next = options.All.AllOptionCase switch
        {
            ReadOptions.Types.AllOptions.AllOptionOneofCase.End => snapshot.Count,
            ReadOptions.Types.AllOptions.AllOptionOneofCase.Position => snapshot.Count(e => !After(e, options.All.Position)),
            _ => 0,
        };
        if (filter is not null && next < snapshot.Count)
        {
            var startCheckpoint = options.All.AllOptionCase == ReadOptions.Types.AllOptions.AllOptionOneofCase.Position
                ? new ReadResp.Types.Checkpoint { CommitPosition = options.All.Position.CommitPosition, PreparePosition = options.All.Position.PreparePosition }
                : snapshot.Count < interval && !snapshot.Any(e => Matches(filter, e))
                    ? new ReadResp.Types.Checkpoint { CommitPosition = ulong.MaxValue, PreparePosition = ulong.MaxValue }
                    : new ReadResp.Types.Checkpoint { CommitPosition = 0, PreparePosition = 0 };
            await output.WriteAsync(new ReadResp { Checkpoint = startCheckpoint }, cancellationToken);
        }

        var caughtUp = false;
        var scanned = 0;
        var delivered = 0;
        while (true)
        {
            var appended = Server.Log.NextAppend;
            snapshot = Server.Log.All;
            while (next < snapshot.Count)
            {
                var e = snapshot[next++];
                scanned++;
                if (filter is null || Matches(filter, e))
                {
                    await output.WriteAsync(EventMessage(e), cancellationToken);
                    if (++delivered == dropAfter)
                    {
                        throw new RpcException(new Status(StatusCode.Unavailable, "protocol fake drops the subscription"));
                    }
                }

                if (interval > 0 && scanned >= interval)
                {
                    scanned = 0;
                    if (caughtUp)
                    {
                        await output.WriteAsync(Checkpoint(e), cancellationToken);
                    }
                    else if (next < snapshot.Count)
                    {
                        // Catch-up reads in pages: the checkpoint is where the next page starts, prepare position 0.
                        await output.WriteAsync(new ReadResp { Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = snapshot[next].Commit, PreparePosition = 0 } }, cancellationToken);
                    }
                }
            }

            if (!caughtUp)
            {
                // A 24.10 server sends caught_up without a position, and no checkpoint at the end of catch-up.
                await output.WriteAsync(new ReadResp { CaughtUp = new ReadResp.Types.CaughtUp() }, cancellationToken);
                caughtUp = true;
                scanned = 0;
            }

            await appended.WaitAsync(cancellationToken);
        }
    }

    private static ReadResp Checkpoint(StoredEvent e) =>
        new() { Checkpoint = new ReadResp.Types.Checkpoint { CommitPosition = e.Commit, PreparePosition = e.Prepare } };

    private static bool Matches(ReadOptions.Types.FilterOptions filter, StoredEvent e) =>
        filter.FilterCase switch
        {
            ReadOptions.Types.FilterOptions.FilterOneofCase.StreamIdentifier => Matches(filter.StreamIdentifier, e.Stream),
            ReadOptions.Types.FilterOptions.FilterOneofCase.EventType => Matches(filter.EventType, e.Type),
            _ => true,
        };

    private static bool Matches(ReadOptions.Types.FilterOptions.Types.Expression expression, string value) =>
        expression.Prefix.Count > 0
            ? expression.Prefix.Any(p => value.StartsWith(p, StringComparison.Ordinal))
            : Regex.IsMatch(value, expression.Regex);

    private static bool Before(StoredEvent e, ReadOptions.Types.Position p) =>
        e.Commit < p.CommitPosition || (e.Commit == p.CommitPosition && e.Prepare < p.PreparePosition);

    private static bool After(StoredEvent e, ReadOptions.Types.Position p) =>
        e.Commit > p.CommitPosition || (e.Commit == p.CommitPosition && e.Prepare > p.PreparePosition);

    private void Intercept()
    {
        if (Server.FailNextCalls.TryDequeue(out var failure))
        {
            throw failure;
        }

        if (Server.RedirectTo is { } leader)
        {
            throw new RpcException(
                new Status(StatusCode.NotFound, "Leader info available"),
                new Metadata
                {
                    { "exception", "not-leader" },
                    { "leader-endpoint-host", leader.Host },
                    { "leader-endpoint-port", leader.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                });
        }
    }

    private void Record(string method, ServerCallContext context, IReadOnlyList<IMessage> requests) =>
        Server.Calls.Enqueue(new RecordedCall(
            method,
            context.RequestHeaders.Where(h => !h.IsBinary).GroupBy(h => h.Key).ToDictionary(g => g.Key, g => g.Last().Value),
            requests));
}
