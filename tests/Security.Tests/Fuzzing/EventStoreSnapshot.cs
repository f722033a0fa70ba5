using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Leads.EventStore;
using Leads.Testing;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// Every event in the store (on EventStoreDB: every event of $all but the server's own system events), read through the
/// event-store port in the global order, each written out with every
/// stored field (stream, revision, position, id, type, recorded time, data bytes, metadata) so two snapshots are
/// equal exactly when the stored content is byte for byte the same.
/// </summary>
public sealed record EventStoreSnapshot(IReadOnlyList<string> Events, string Sha256)
{
    public static async Task<EventStoreSnapshot> TakeAsync(PlatformEventStore store, CancellationToken cancellationToken)
    {
        var events = new List<string>();
        foreach (var e in await store.ReadAllAsync(cancellationToken))
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
