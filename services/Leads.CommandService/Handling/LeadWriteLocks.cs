namespace Leads.CommandService.Handling;

/// <summary>
/// One writer at a time per lead within this process: commands on the same lead queue instead of racing each other
/// through the store (which would make most of them lose and retry). Writers in other processes are still handled by
/// the expected-revision append and its retry loop.
/// </summary>
public sealed class LeadWriteLocks
{
    private readonly Dictionary<long, Entry> _entries = [];

    public async ValueTask<IDisposable> AcquireAsync(long leadId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(leadId, out entry!))
            {
                entry = new Entry();
                _entries[leadId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(leadId, entry);
            throw;
        }

        return new Held(this, leadId, entry);
    }

    /// <summary>How many leads have a writer or waiters now (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    private void Leave(long leadId, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(leadId);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Held(LeadWriteLocks owner, long leadId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(leadId, entry);
            }
        }
    }
}
