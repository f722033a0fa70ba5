using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace IntegrationEvents.Tests.Support;

/// <summary>Writes lead events into the embedded event store file the publisher reads, as the command service stores them.</summary>
public sealed class LeadEventWriter(string dataDirectory) : IAsyncDisposable
{
    private readonly SqliteEventStore _store = new(Path.Combine(dataDirectory, "events.db"));

    public IEventStore Store => _store;

    public static EventMetadata Metadata(Guid correlationId) => new()
    {
        CorrelationId = correlationId.ToString(),
        TraceParent = $"00-{Guid.NewGuid():N}-{Guid.NewGuid().ToString("N")[..16]}-01",
    };

    public Task<GlobalPosition> AppendAsync(ILeadEvent e, CancellationToken cancellationToken) =>
        AppendAsync(e, Metadata(Guid.NewGuid()), cancellationToken);

    public Task<GlobalPosition> AppendAsync(ILeadEvent e, EventMetadata metadata, CancellationToken cancellationToken) =>
        AppendAsync(LeadStream.Name(e.LeadId), LeadEvents.Data(e, metadata), cancellationToken);

    /// <summary>Appends raw data under any type name (for events the publisher cannot translate).</summary>
    public Task<GlobalPosition> AppendAsync(string type, byte[] data, string stream, EventMetadata metadata, CancellationToken cancellationToken) =>
        AppendAsync(stream, new EventData(Guid.NewGuid(), type, data, metadata), cancellationToken);

    private async Task<GlobalPosition> AppendAsync(string stream, EventData data, CancellationToken cancellationToken)
    {
        var result = await _store.AppendAsync(stream, ExpectedRevision.Any, [data], cancellationToken);
        return result is AppendResult.Success s ? s.Position : throw new InvalidOperationException($"append to {stream} failed: {result}");
    }

    /// <summary>Every lead event in the store, in global order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var all = new List<RecordedEvent>();
        await foreach (var e in _store.ReadAllAsync(null, long.MaxValue, cancellationToken))
        {
            all.Add(e);
        }

        return all;
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
