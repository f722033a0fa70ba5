namespace Leads.CommandService.Handling;

/// <summary>
/// The last known (state, revision) of recently used leads, so a command reads only the events after the remembered
/// revision instead of the whole stream. It is only a hint: the append still carries the expected revision, a writer
/// in another process makes it fail, and the retry reads the tail it missed. Bounded: past
/// <see cref="Capacity"/> leads the least recently used one is forgotten.
/// </summary>
public sealed class LeadStateCache(int capacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<long, LinkedListNode<(long LeadId, LeadSnapshot Snapshot)>> _entries = [];
    private readonly LinkedList<(long LeadId, LeadSnapshot Snapshot)> _recency = new();
    private readonly Lock _gate = new();

    public LeadStateCache()
        : this(DefaultCapacity)
    {
    }

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "at least one lead");

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public LeadSnapshot? Find(long leadId)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(leadId, out var node))
            {
                return null;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Snapshot;
        }
    }

    /// <summary>Remembers <paramref name="snapshot"/> unless a snapshot at a later revision is already held.</summary>
    public void Remember(long leadId, LeadSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(leadId, out var node))
            {
                if (node.Value.Snapshot.Revision > snapshot.Revision)
                {
                    return;
                }

                node.Value = (leadId, snapshot);
                _recency.Remove(node);
                _recency.AddFirst(node);
                return;
            }

            _entries[leadId] = _recency.AddFirst((leadId, snapshot));
            while (_entries.Count > Capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.LeadId);
            }
        }
    }

    public void Forget(long leadId)
    {
        lock (_gate)
        {
            if (_entries.Remove(leadId, out var node))
            {
                _recency.Remove(node);
            }
        }
    }
}
