using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>Looks into a service's event store from the test process (a SQLite file shared between processes, or the service's EventStoreDB node).</summary>
public sealed class StoreInspector(IEventStore store, Func<CancellationToken, Task<GlobalPosition?>> head) : IAsyncDisposable
{
    private readonly IEventStore _store = store;

    public StoreInspector(string path)
        : this(new SqliteEventStore(path))
    {
    }

    private StoreInspector(SqliteEventStore store)
        : this(store, store.ReadHeadPositionAsync)
    {
    }

    /// <summary>The store of a test platform; its head is the last event a producer wrote (EventStoreDB's system events left out).</summary>
    public static StoreInspector Of(PlatformEventStore store) => new(store.Open(), store.LastEventPositionAsync);

    /// <summary>An EventStoreDB node others write to as well: no head of its own.</summary>
    public static StoreInspector OnEventStoreDb(string connection) =>
        new(EventStore.EventStoreDb.EventStoreDbEventStore.Create(connection), _ => Task.FromResult<GlobalPosition?>(null));

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in _store.ReadStreamAsync(streamId, ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync()
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in _store.ReadAllAsync(null, long.MaxValue, TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    public Task<GlobalPosition?> HeadAsync() => head(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => ((IAsyncDisposable)_store).DisposeAsync();
}
