using Leads.EventStore;

namespace Leads.Projections.Runtime;

/// <summary>
/// Parking as the run loop sees it: the streams with a parked event (each with the last position parked, so that a
/// re-delivered event is not parked twice) and how many events are parked. Once an event of a stream is parked, the
/// stream's later events are parked behind it ("held back") while other streams keep flowing.
/// </summary>
internal sealed class ParkedStreams(IParkedEventReader store, StoreRetries retries, TimeProvider clock)
{
    private const string HeldBackError = "held back: an earlier event of this stream is parked";

    private readonly Dictionary<string, GlobalPosition> _held = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Reads the parked events from the store again (after a subscription starts, a reset or a replay).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var all = await retries.RunAsync(ct => store.ListParkedAsync(null, ct), cancellationToken).ConfigureAwait(false);
        _held.Clear();
        foreach (var p in all)
        {
            _held[p.StreamId] = _held.TryGetValue(p.StreamId, out var upTo) && upTo > p.Position ? upTo : p.Position;
        }

        Volatile.Write(ref _count, all.Count);
    }

    /// <summary>
    /// True when the event's stream has a parked event: the event is parked behind it (added to
    /// <paramref name="parked"/>, unless it was parked already) and must not be applied.
    /// </summary>
    public bool HoldsBack(RecordedEvent recorded, List<ParkedEvent> parked)
    {
        if (!_held.TryGetValue(recorded.StreamId, out var parkedUpTo))
        {
            return false;
        }

        if (recorded.Position > parkedUpTo)
        {
            parked.Add(Entry(recorded, held: true, HeldBackError, attempts: 0));
            _held[recorded.StreamId] = recorded.Position;
        }

        return true;
    }

    /// <summary>Parks an event whose handler kept failing; its stream's later events are held back from now on.</summary>
    public ParkedEvent Park(RecordedEvent recorded, string error, int attempts)
    {
        _held[recorded.StreamId] = recorded.Position;
        return Entry(recorded, held: false, error, attempts);
    }

    /// <summary>A batch with these parked events was committed.</summary>
    public void Committed(int parked) => Interlocked.Add(ref _count, parked);

    private ParkedEvent Entry(RecordedEvent recorded, bool held, string error, int attempts) =>
        new(recorded.StreamId, recorded.StreamRevision, recorded.Position, recorded.EventId, recorded.EventType,
            recorded.Created, held, error, attempts, clock.GetUtcNow());
}
