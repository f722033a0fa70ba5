using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.CommandService.Tests;

/// <summary>Looks into a service's SQLite event store from the test process (the file is shared between processes).</summary>
public sealed class StoreInspector(string path) : IAsyncDisposable
{
    private readonly SqliteEventStore _store = new(path);

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

    public Task<GlobalPosition?> HeadAsync() => _store.ReadHeadPositionAsync(TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
