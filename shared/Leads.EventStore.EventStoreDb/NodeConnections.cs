using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Leads.EventStore.EventStoreDb.Protocol;
using Microsoft.Extensions.Logging;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// One gRPC channel per node, the node calls currently go to, and the headers every call carries. A follower's
/// "not leader" answer moves calls to the leader; a node that is unavailable moves them to the next listed node.
/// </summary>
internal sealed class NodeConnections(EventStoreDbConnectionString settings, ILogger logger) : IDisposable
{
    private readonly Dictionary<DnsEndPoint, (GrpcChannel Channel, Streams.StreamsClient Client)> channels = [];
    private readonly Lock gate = new();
    private DnsEndPoint current = settings.Nodes[0];
    private int nextSeed = 1;
    private bool disposed;

    public (DnsEndPoint Node, Streams.StreamsClient Client) Current
    {
        get
        {
            lock (gate)
            {
                ObjectDisposedException.ThrowIf(disposed, this);
                if (!channels.TryGetValue(current, out var entry))
                {
                    var channel = CreateChannel(current);
                    entry = (channel, new Streams.StreamsClient(channel));
                    channels[current] = entry;
                }

                return (current, entry.Client);
            }
        }
    }

    public void FollowLeader(DnsEndPoint leader)
    {
        lock (gate)
        {
            if (!current.Equals(leader))
            {
                logger.LogInformation("EventStoreDB node {Node} is not the leader; following the leader at {Leader}", current, leader);
                current = leader;
            }
        }
    }

    /// <summary>After <paramref name="failed"/> was unavailable, the next call goes to the next listed node (if any).</summary>
    public void MoveOnFrom(DnsEndPoint failed)
    {
        lock (gate)
        {
            if (settings.Nodes.Count < 2 || !current.Equals(failed))
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
            ConnectTimeout = TimeSpan.FromSeconds(10),
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
