using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Leads.EventStore.EventStoreDb.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Leads.EventStore.EventStoreDb.Tests.ProtocolFake;

/// <summary>
/// A PROTOCOL FAKE of EventStoreDB, not a server: a real Kestrel host on 127.0.0.1 (HTTP/2 cleartext, random port)
/// serving the server side generated from the client's own .proto files. It records every call, can be scripted to
/// answer or fail in a given way, and otherwise runs a small in-memory log so the adapter can be exercised end to end.
/// </summary>
public sealed class ProtocolFakeServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ProtocolFakeServer(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"esdb://127.0.0.1:{Port}?tls=false";

    public ProtocolFakeLog Log { get; } = new();

    public ConcurrentQueue<RecordedCall> Calls { get; } = new();

    /// <summary>Failures thrown by the next calls, one per call, before anything else happens.</summary>
    public ConcurrentQueue<RpcException> FailNextCalls { get; } = new();

    /// <summary>When set, every call answers "not leader" pointing here.</summary>
    public DnsEndPoint? RedirectTo { get; set; }

    /// <summary>When set and it returns an answer, appends get that answer instead of the log's.</summary>
    public Func<AppendReq.Types.Options, IReadOnlyList<AppendReq.Types.ProposedMessage>, AppendResp?>? AppendAnswer { get; set; }

    /// <summary>When set and it returns messages, a read sends them; a subscription then stays open until cancelled.</summary>
    public Func<ReadReq, IReadOnlyList<ReadResp>?>? ReadAnswer { get; set; }

    /// <summary>The next subscription fails with Unavailable after delivering this many events (once).</summary>
    public int? DropNextSubscriptionAfterEvents { get; set; }

    public IEnumerable<RecordedCall> CallsTo(string method) => Calls.Where(c => c.Method == method);

    public static async Task<ProtocolFakeServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var holder = new ServerHolder();
        builder.Services.AddSingleton(holder);
        var app = builder.Build();
        app.MapGrpcService<FakeStreamsService>();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new ProtocolFakeServer(app, new Uri(address).Port);
        holder.Server = server;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }

    /// <summary>Lets the per-call service find the server it belongs to.</summary>
    internal sealed class ServerHolder
    {
        public ProtocolFakeServer Server { get; set; } = null!;
    }
}
