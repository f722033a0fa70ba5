using System.Text;
using System.Text.Json;
using Leads.EventStore;
using Leads.EventStore.EventStoreDb;

namespace Leads.Testing;

/// <summary>
/// A real EventStoreDB node of the platform's own, started fresh (in memory, or on disk in the platform's data
/// directory) on a leased port and stopped on dispose: the end-to-end tests write fixed lead ids (1410 ...), so they need a store nobody else
/// writes to. Where the node script is missing the platform is skipped with the reason, or fails when
/// <c>ESDB_REQUIRED=1</c>.
/// </summary>
public sealed class EventStoreDbPlatformEventStore(bool onDisk) : PlatformEventStore
{
    private string? nodeDataDirectory;
    private EventStoreDbPortLease? lease;
    private string? connectionString;

    public override string Name => "EventStoreDB";

    public string ConnectionString => connectionString ?? throw new InvalidOperationException("the node was not started");

    public int Port => lease?.Port ?? throw new InvalidOperationException("the node was not started");

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ConnectionStrings:eventstore"] = ConnectionString,
    };

    public override async Task StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        if (EventStoreDbNodes.SkipReason is { } missing)
        {
            if (EventStoreDbRequired)
            {
                throw new InvalidOperationException($"ESDB_REQUIRED=1, but the EventStoreDB node cannot start: {missing}");
            }

            SkipReason = missing + "; ESDB_CONNECTION is not used instead: these tests write fixed lead ids (1410 ...) and need a store nobody else writes to";
            return;
        }

        nodeDataDirectory = onDisk ? Path.Combine(dataDirectory, "eventstoredb") : null;
        lease = await EventStoreDbPortLease.TakeAsync(cancellationToken).ConfigureAwait(false);
        // A node left on this port by an earlier run that was killed would be handed back with its events: stop it.
        await EventStoreDbNodes.StopAsync(lease.Port, cancellationToken).ConfigureAwait(false);
        connectionString = await EventStoreDbNodes.StartAsync(lease.Port, nodeDataDirectory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A clean shutdown of the node (its data stays, when on disk).</summary>
    public Task StopNodeAsync(CancellationToken cancellationToken) => EventStoreDbNodes.StopAsync(Port, cancellationToken);

    /// <summary>SIGKILLs the node: a crash, nothing flushed.</summary>
    public Task KillNodeAsync(CancellationToken cancellationToken) => EventStoreDbNodes.KillAsync(Port, cancellationToken);

    /// <summary>Starts the node again on its port and data; returns once it leads.</summary>
    public async Task StartNodeAgainAsync(CancellationToken cancellationToken) =>
        connectionString = await EventStoreDbNodes.StartAsync(Port, nodeDataDirectory, cancellationToken).ConfigureAwait(false);

    public override IEventStore Open() => EventStoreDbEventStore.Create(ConnectionString);

    public override async Task<byte[]> StoredBytesAsync(CancellationToken cancellationToken)
    {
        using var all = new MemoryStream();
        var store = EventStoreDbEventStore.Create(ConnectionString);
        await using (store.ConfigureAwait(false))
        {
            await foreach (var e in store.Client.ReadAllAsync(ReadDirection.Forwards, null, ulong.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                all.Write(Encoding.UTF8.GetBytes(e.StreamId + "\n" + e.EventType + "\n"));
                all.Write(e.Data.Span);
                all.Write(JsonSerializer.SerializeToUtf8Bytes(e.Metadata));
            }
        }

        return all.ToArray();
    }

    public override async Task<GlobalPosition?> LastEventPositionAsync(CancellationToken cancellationToken)
    {
        var store = EventStoreDbEventStore.Create(ConnectionString);
        await using (store.ConfigureAwait(false))
        {
            await foreach (var e in store.Client.ReadAllAsync(ReadDirection.Backwards, null, ulong.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                if (!e.IsSystemEvent)
                {
                    return e.Position;
                }
            }

            return null;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (lease is null)
        {
            return;
        }

        await EventStoreDbNodes.StopAsync(lease.Port).ConfigureAwait(false);
        lease.Dispose();
        lease = null;
    }
}
