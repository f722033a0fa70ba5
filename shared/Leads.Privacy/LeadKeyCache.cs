using System.Collections.Concurrent;

namespace Leads.Privacy;

/// <summary>
/// Keys kept briefly in memory so projections and commands need not ask the key store for every event. Bounded: when
/// full, expired entries go first, then the least recently used, down to three quarters of the bound, so a projector
/// that has just read a batch's keys keeps them (a cache cleared whole made every lead of an interleaved log a key-store
/// read). Short-lived. An erasure this process has seen is sticky: once a lead is marked erased, a key fetched before
/// the erasure can no longer be put back.
/// </summary>
internal sealed class LeadKeyCache(LeadKeyCacheOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ConcurrentDictionary<long, Entry> _withoutKey = new();
    private readonly Lock _trimming = new();
    private long _clock;

    /// <summary>
    /// True when the key store said recently (within the time to live) that the lead has neither a key nor a tombstone:
    /// its events were written in the clear before sealing. Only ever used for events that hold no sealed value.
    /// </summary>
    public bool KnownWithoutKey(long leadId) => Live(_withoutKey, leadId) is not null;

    public void RememberWithoutKey(long leadId)
    {
        MakeRoom(_withoutKey);
        _withoutKey[leadId] = NewEntry(LeadKeyLookup.None(leadId));
    }

    public LeadKeyLookup? Find(long leadId) => Live(_entries, leadId)?.Lookup;

    /// <summary>Remembers a found key or an erasure; never replaces an erasure with a key.</summary>
    public void Remember(LeadKeyLookup lookup)
    {
        if (lookup.Key is null && !lookup.IsErased)
        {
            return;
        }

        MakeRoom(_entries);
        _withoutKey.TryRemove(lookup.LeadId, out _);
        var entry = NewEntry(lookup);
        _entries.AddOrUpdate(lookup.LeadId, entry, (_, existing) => existing.Lookup.IsErased ? existing : entry);
    }

    /// <summary>The entry unless it expired (an erasure never does); marks it used.</summary>
    private Entry? Live(ConcurrentDictionary<long, Entry> entries, long leadId)
    {
        if (!entries.TryGetValue(leadId, out var entry))
        {
            return null;
        }

        if (entry.Lookup.IsErased || time.GetUtcNow() < entry.Expires)
        {
            entry.Used = Interlocked.Increment(ref _clock);
            return entry;
        }

        entries.TryRemove(new KeyValuePair<long, Entry>(leadId, entry));
        return null;
    }

    private Entry NewEntry(LeadKeyLookup lookup) => new(lookup, time.GetUtcNow() + options.TimeToLive) { Used = Interlocked.Increment(ref _clock) };

    /// <summary>
    /// At the bound, one caller trims: expired entries, then the least recently used, to three quarters of the bound
    /// (others go on meanwhile; the bound may be passed briefly by the few entries added during a trim).
    /// </summary>
    private void MakeRoom(ConcurrentDictionary<long, Entry> entries)
    {
        if (entries.Count < options.MaxEntries || !_trimming.TryEnter())
        {
            return;
        }

        try
        {
            var now = time.GetUtcNow();
            var snapshot = entries.ToArray();
            var expired = snapshot.Where(e => !e.Value.Lookup.IsErased && now >= e.Value.Expires).ToList();
            var live = snapshot.Where(e => e.Value.Lookup.IsErased || now < e.Value.Expires).ToList();
            var excess = live.Count - (options.MaxEntries * 3 / 4);
            foreach (var stale in excess > 0 ? expired.Concat(live.OrderBy(e => e.Value.Used).Take(excess)) : expired)
            {
                entries.TryRemove(stale);
            }
        }
        finally
        {
            _trimming.Exit();
        }
    }

    private sealed record Entry(LeadKeyLookup Lookup, DateTimeOffset Expires)
    {
        public long Used { get; set; }
    }
}
