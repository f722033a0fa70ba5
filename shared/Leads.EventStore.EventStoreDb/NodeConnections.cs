using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Leads.EventStore.EventStoreDb.Protocol;
using Microsoft.Extensions.Logging;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// One gRPC channel per node, the node calls currently go to, and the headers every call carries. One host given with
/// <c>esdb://</c> is used as it is; a cluster (several hosts, or <c>esdb+discover://</c>) chooses its node from gossip
/// (<see cref="ClusterDiscovery"/>) by node preference, and again after that node fails. A follower's "not leader"
/// answer moves calls to the leader it names, unless that node has just failed (a dead leader the follower has not
/// noticed yet): then gossip is asked again.
/// </summary>
internal sealed class NodeConnections : IDisposable
{
    /// <summary>How long a node that failed a call is passed over while another node fits.</summary>
    private static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(3);

    private readonly Dictionary<DnsEndPoint, (GrpcChannel Channel, Streams.StreamsClient Client)> channels = [];
    private readonly Dictionary<DnsEndPoint, long> failedAt = [];
    private readonly Lock gate = new();
    private readonly SemaphoreSlim discovering = new(1, 1);
    private readonly EventStoreDbConnectionString settings;
    private readonly ILogger logger;
    private readonly ClusterDiscovery discovery;
    private DnsEndPoint? current;
    private int nextSeed = 1;
    private bool disposed;

    public NodeConnections(EventStoreDbConnectionString settings, ILogger logger)
    {
        this.settings = settings;
        this.logger = logger;
        discovery = new ClusterDiscovery(settings, node => Entry(node).Channel, logger);
        current = settings.UsesGossip ? null : settings.Nodes[0];
    }

    /// <summary>The node calls go to now, discovered first when there is none.</summary>
    public async ValueTask<(DnsEndPoint Node, Streams.StreamsClient Client)> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (current is { } known)
            {
                return (known, Entry(known).Client);
            }
        }

        await discovering.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (gate)
            {
                if (current is { } found)
                {
                    return (found, Entry(found).Client);
                }
            }

            var chosen = await discovery.ChooseAsync(RecentlyFailed, Headers(), cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                current = chosen;
                return (chosen, Entry(chosen).Client);
            }
        }
        finally
        {
            discovering.Release();
        }
    }

    /// <summary>Moves calls to the leader a follower named; false when that node just failed (then gossip is asked next).</summary>
    public bool FollowLeader(DnsEndPoint leader)
    {
        lock (gate)
        {
            if (RecentlyFailed(leader))
            {
                if (settings.UsesGossip)
                {
                    current = null;
                }

                logger.LogInformation("EventStoreDB names {Leader} as leader, but it just failed: waiting for the cluster to elect another", leader);
                return false;
            }

            if (current is null || !current.Equals(leader))
            {
                logger.LogInformation("EventStoreDB node {Node} is not the leader; following the leader at {Leader}", current, leader);
                current = leader;
            }

            return true;
        }
    }

    /// <summary>
    /// <paramref name="failed"/> was unavailable: a cluster chooses its node from gossip again, a list of hosts without
    /// gossip moves on to the next one. An <paramref name="unreachable"/> node (refused, reset: not a server's "not
    /// ready") is passed over for a few seconds while another node fits.
    /// </summary>
    public void MoveOnFrom(DnsEndPoint failed, bool unreachable)
    {
        lock (gate)
        {
            if (unreachable)
            {
                failedAt[failed] = Environment.TickCount64;
            }

            if (current is null || !current.Equals(failed))
            {
                return;
            }

            if (settings.UsesGossip)
            {
                current = null;
                logger.LogInformation("EventStoreDB node {Node} is unavailable; choosing a node from the cluster's gossip", failed);
                return;
            }

            if (settings.Nodes.Count < 2)
            {
                return;
            }

            current = settings.Nodes[nextSeed % settings.Nodes.Count];
            nextSeed++;
            logger.LogInformation("EventStoreDB node {Node} is unavailable; trying {Next}", failed, current);
        }
    }

    public Metadata Headers()
    {
        var headers = new Metadata();
        if (settings.RequiresLeader)
        {
            headers.Add("requires-leader", "true");
        }

        if (settings.ConnectionName is { } name)
        {
            headers.Add("connection-name", name);
        }

        if (settings.HasCredentials)
        {
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.UserName}:{settings.Password}"));
            headers.Add("authorization", new AuthenticationHeaderValue("Basic", token).ToString());
        }

        return headers;
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var (channel, _) in channels.Values)
            {
                channel.Dispose();
            }

            channels.Clear();
        }

        discovering.Dispose();
    }

    private bool RecentlyFailed(DnsEndPoint node)
    {
        lock (gate)
        {
            return failedAt.TryGetValue(node, out var at) && Environment.TickCount64 - at < FailureMemory.TotalMilliseconds;
        }
    }

    private (GrpcChannel Channel, Streams.StreamsClient Client) Entry(DnsEndPoint node)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!channels.TryGetValue(node, out var entry))
            {
                var channel = CreateChannel(node);
                entry = (channel, new Streams.StreamsClient(channel));
                channels[node] = entry;
            }

            return entry;
        }
    }

    private GrpcChannel CreateChannel(DnsEndPoint node)
    {
        var handler = new SocketsHttpHandler
        {
            // A subscription holds an HTTP/2 stream for hours: let further calls open more connections.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = settings.KeepAliveInterval,
            KeepAlivePingTimeout = settings.KeepAliveTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            // A crashed machine never refuses: give up on it in time for the call to try another node.
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        if (settings.UseTls && !settings.VerifyServerCertificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        var host = node.Host.Contains(':', StringComparison.Ordinal) ? $"[{node.Host}]" : node.Host;
        var address = new Uri($"{(settings.UseTls ? "https" : "http")}://{host}:{node.Port}");
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            // Events may be up to 16 MiB; a read page may hold several.
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
            LoggerFactory = null,
        });
    }
}
