using Leads.EventStore;

namespace Leads.Testing;

/// <summary>
/// The event store a platform of real service processes runs on, as the services see it (their settings) and as a
/// test reads it behind their backs (the event store port). The same end-to-end tests run once per store:
/// <see cref="Sqlite"/>, the embedded default in the platform's data directory, and <see cref="EventStoreDb"/>, a fresh
/// real EventStoreDB node of the platform's own.
/// </summary>
public abstract class PlatformEventStore : IAsyncDisposable
{
    /// <summary>Set by CI: a platform on EventStoreDB that cannot start its node fails its tests instead of skipping.</summary>
    public static bool EventStoreDbRequired => Environment.GetEnvironmentVariable("ESDB_REQUIRED") == "1";

    /// <summary>"SQLite" or "EventStoreDB", for messages.</summary>
    public abstract string Name { get; }

    /// <summary>Why the platform cannot run here (its tests skip with it); null when it runs.</summary>
    public string? SkipReason { get; protected set; }

    /// <summary>The configuration every service of the platform gets on top of its own (the event store's connection string).</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    public static PlatformEventStore Sqlite() => new SqlitePlatformEventStore();

    /// <summary>A fresh node on a leased port, in memory (<paramref name="onDisk"/>: in the platform's data directory, so it survives a restart).</summary>
    public static EventStoreDbPlatformEventStore EventStoreDb(bool onDisk = false) => new(onDisk);

    /// <summary>Starts the store (or records <see cref="SkipReason"/>) for a platform whose data lives in <paramref name="dataDirectory"/>.</summary>
    public abstract Task StartAsync(string dataDirectory, CancellationToken cancellationToken);

    /// <summary>A client of the store through the event store port, as a producer other than our services would write; the caller disposes it.</summary>
    public abstract IEventStore Open();

    /// <summary>
    /// Every byte the store keeps of its events: the SQLite files as they lie on disk (write-ahead log included), or on
    /// EventStoreDB each event of $all read back (stream, type, data and metadata).
    /// </summary>
    public abstract Task<byte[]> StoredBytesAsync(CancellationToken cancellationToken);

    /// <summary>The position of the last event any producer wrote (the server's own system events left out).</summary>
    public abstract Task<GlobalPosition?> LastEventPositionAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>Every event through the port, in the global order.</summary>
    public async Task<List<RecordedEvent>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var store = Open();
        try
        {
            var events = new List<RecordedEvent>();
            await foreach (var e in store.ReadAllAsync(null, long.MaxValue, cancellationToken).ConfigureAwait(false))
            {
                events.Add(e);
            }

            return events;
        }
        finally
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override string ToString() => Name;
}
