using System.Collections.Concurrent;

namespace Leads.Privacy;

/// <summary>
/// Keys kept briefly in memory so projections and commands need not ask the key store for every event. Bounded (the
/// whole cache is dropped when full) and short-lived. An erasure this process has seen is sticky: once a lead is marked
/// erased, a key fetched before the erasure can no longer be put back.
/// </summary>
internal sealed class LeadKeyCache(LeadKeyCacheOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, DateTimeOffset> _withoutKey = new();

    /// <summary>
    /// True when the key store said recently (within the time to live) that the lead has neither a key nor a tombstone:
    /// its events were written in the clear before sealing. Only ever used for events that hold no sealed value.
    /// </summary>
    public bool KnownWithoutKey(long leadId)
    {
        if (!_withoutKey.TryGetValue(leadId, out var expires))
        {
            return false;
        }

        if (time.GetUtcNow() < expires)
        {
            return true;
        }

        _withoutKey.TryRemove(new KeyValuePair<long, DateTimeOffset>(leadId, expires));
        return false;
    }

    public void RememberWithoutKey(long leadId)
    {
        if (_withoutKey.Count >= options.MaxEntries)
        {
            _withoutKey.Clear();
        }

        _withoutKey[leadId] = time.GetUtcNow() + options.TimeToLive;
    }

    public LeadKeyLookup? Find(long leadId)
    {
        if (!_entries.TryGetValue(leadId, out var entry))
        {
            return null;
        }

        if (entry.Lookup.IsErased || time.GetUtcNow() < entry.Expires)
        {
            return entry.Lookup;
        }

        _entries.TryRemove(new KeyValuePair<long, Entry>(leadId, entry));
        return null;
    }

    /// <summary>Remembers a found key or an erasure; never replaces an erasure with a key.</summary>
    public void Remember(LeadKeyLookup lookup)
    {
        if (lookup.Key is null && !lookup.IsErased)
        {
            return;
        }

        if (_entries.Count >= options.MaxEntries)
        {
            _entries.Clear();
        }

        _withoutKey.TryRemove(lookup.LeadId, out _);
        var entry = new Entry(lookup, time.GetUtcNow() + options.TimeToLive);
        _entries.AddOrUpdate(lookup.LeadId, entry, (_, existing) => existing.Lookup.IsErased ? existing : entry);
    }

    private sealed record Entry(LeadKeyLookup Lookup, DateTimeOffset Expires);
}
