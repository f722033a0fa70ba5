using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// Every event in the store, read through the event-store port from the $all order, each written out with every
/// stored field (stream, revision, position, id, type, recorded time, data bytes, metadata) so two snapshots are
/// equal exactly when the stored content is byte for byte the same.
/// </summary>
public sealed record EventStoreSnapshot(IReadOnlyList<string> Events, string Sha256)
{
    public static async Task<EventStoreSnapshot> TakeAsync(string eventsFile, CancellationToken cancellationToken)
    {
        await using var store = new SqliteEventStore(eventsFile);
        var events = new List<string>();
        await foreach (var e in store.ReadAllAsync(null, long.MaxValue, cancellationToken))
        {
            events.Add(string.Join('\u001f',
                e.StreamId,
                e.StreamRevision,
                e.Position.Commit,
                e.Position.Prepare,
                e.EventId,
                e.EventType,
                e.Created.UtcTicks,
                e.Created.Offset.Ticks,
                Convert.ToHexString(e.Data.Span),
                JsonSerializer.Serialize(e.Metadata)));
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', events))));
        return new EventStoreSnapshot(events, sha);
    }

    /// <summary>The events in <paramref name="later"/> that this snapshot does not hold, and the ones it lost.</summary>
    public string DifferenceTo(EventStoreSnapshot later)
    {
        var added = later.Events.Except(Events, StringComparer.Ordinal).Take(10).ToList();
        var lost = Events.Except(later.Events, StringComparer.Ordinal).Take(10).ToList();
        return $"{Events.Count} events before, {later.Events.Count} after; new: [{string.Join("; ", added)}]; changed or lost: [{string.Join("; ", lost)}]";
    }
}
