using System.Runtime.CompilerServices;
using Grpc.Core;
using Leads.EventStore.EventStoreDb.Protocol;
using Microsoft.Extensions.Logging;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// Our own small client for EventStoreDB's v1 gRPC protocol (<c>event_store.client.streams.Streams</c>): appends,
/// stream and $all reads, and catch-up subscriptions to $all, speaking the event store port's types.
/// Thread-safe; keep one per process.
/// </summary>
public sealed class EventStoreDbClient : IAsyncDisposable, IDisposable
{
    private readonly EventStoreDbConnectionString settings;
    private readonly EventStoreDbClientOptions options;
    private readonly NodeConnections nodes;
    private readonly CallRetries retries;
    private readonly ILogger logger;

    public EventStoreDbClient(EventStoreDbConnectionString settings, EventStoreDbClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Nodes.Count == 0)
        {
            throw new ArgumentException("The connection string lists no node.", nameof(settings));
        }

        this.settings = settings;
        this.options = options ?? EventStoreDbClientOptions.Default;
        logger = this.options.LoggerFactory.CreateLogger<EventStoreDbClient>();
        nodes = new NodeConnections(settings, logger);
        retries = new CallRetries(nodes, this.options, logger);
    }

    public static EventStoreDbClient Create(string connectionString, EventStoreDbClientOptions? options = null) =>
        new(EventStoreDbConnectionString.Parse(connectionString), options);

    public EventStoreDbConnectionString Settings => settings;

    /// <summary>The node calls go to now: in a cluster, chosen from gossip by node preference when there is none yet.</summary>
    public async Task<System.Net.DnsEndPoint> CurrentNodeAsync(CancellationToken cancellationToken) =>
        (await nodes.CurrentAsync(cancellationToken).ConfigureAwait(false)).Node;

    /// <summary>
    /// Appends atomically: the options first, then one message per event. A wrong expected revision is a result;
    /// server errors leave as <see cref="EventStoreDbException"/> and its subclasses.
    /// </summary>
    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        ArgumentNullException.ThrowIfNull(events);

        var requests = new List<AppendReq>(events.Count + 1) { ProtocolRequests.AppendOptions(streamId, expected) };
        requests.AddRange(events.Select(ProtocolRequests.ProposedEvent));

        var response = await retries.ExecuteAsync(
            async (client, headers, token) =>
            {
                using var call = client.Append(headers, Deadline(), token);
                try
                {
                    foreach (var request in requests)
                    {
                        await call.RequestStream.WriteAsync(request, token).ConfigureAwait(false);
                    }

                    await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                }
                catch (Exception error) when (error is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // The server ended the call early (a follower, a size limit) or the connection died under it (a node
                    // crashed: HttpIOException, not an RpcException): the call's status, read below, says which.
                }

                return await call.ResponseAsync.ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        if (ProtocolResponses.LacksPosition(response, out var revision))
        {
            await foreach (var last in ReadStreamAsync(streamId, ReadDirection.Backwards, StreamPosition.At(revision), 1, cancellationToken).ConfigureAwait(false))
            {
                return new AppendResult.Success(revision, last.Position);
            }
        }

        return ProtocolResponses.AppendResult(response, expected);
    }

    /// <summary>Reads a stream from a revision (inclusive); a missing stream yields nothing.</summary>
    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(
        string streamId,
        ReadDirection direction,
        StreamPosition from,
        ulong maxCount,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (maxCount == 0)
        {
            yield break;
        }

        await foreach (var response in ReadAsync(ProtocolRequests.ReadStream(streamId, direction, from, maxCount), cancellationToken).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.Event)
            {
                yield return ProtocolResponses.RecordedEvent(response.Event);
            }
        }
    }

    /// <summary>
    /// Reads $all, system events included, from <paramref name="from"/> inclusive (null: the start when reading
    /// forwards, the end when reading backwards).
    /// </summary>
    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(
        ReadDirection direction,
        GlobalPosition? from,
        ulong maxCount,
        CancellationToken cancellationToken) =>
        ReadAllAsync(direction, from, maxCount, null, cancellationToken);

    /// <summary>
    /// A finite read of $all with the server-side <paramref name="filter"/> (null: none, system events included):
    /// up to <paramref name="maxCount"/> matching events from <paramref name="from"/> inclusive.
    /// </summary>
    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(
        ReadDirection direction,
        GlobalPosition? from,
        ulong maxCount,
        SubscriptionFilter? filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (maxCount == 0)
        {
            yield break;
        }

        var request = ProtocolRequests.ReadAll(direction, from, maxCount, filter, options.FilterMaxSearchWindow);
        await foreach (var response in ReadAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (response.ContentCase == ReadResp.ContentOneofCase.Event)
            {
                yield return ProtocolResponses.RecordedEvent(response.Event);
            }
        }
    }

    /// <summary>
    /// A catch-up subscription to $all with a server-side filter. System events never come through. After a drop
    /// it resubscribes from the last event or checkpoint it delivered; it ends cleanly when cancelled.
    /// </summary>
    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(SubscriptionStart start, SubscriptionFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new AllSubscription(retries, options, logger).RunAsync(start, filter, cancellationToken);
    }

    public void Dispose() => nodes.Dispose();

    public ValueTask DisposeAsync()
    {
        nodes.Dispose();
        return ValueTask.CompletedTask;
    }

    private DateTime? Deadline() => settings.DefaultDeadline is { } deadline ? DateTime.UtcNow + deadline : null;

    /// <summary>Opens a finite read (retried until its first answer arrives), then streams the answers.</summary>
    private async IAsyncEnumerable<ReadResp> ReadAsync(ReadReq request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (call, first) = await retries.ExecuteAsync(
            async (client, headers, token) =>
            {
                var started = client.Read(request, headers, Deadline(), token);
                try
                {
                    var any = await started.ResponseStream.MoveNext(token).ConfigureAwait(false);
                    return (started, any ? started.ResponseStream.Current : null);
                }
                catch
                {
                    started.Dispose();
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);

        using (call)
        {
            var next = first;
            while (next is not null)
            {
                yield return next;
                try
                {
                    next = await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false) ? call.ResponseStream.Current : null;
                }
                catch (RpcException error)
                {
                    throw retries.Translate(error, cancellationToken);
                }
            }
        }
    }
}
