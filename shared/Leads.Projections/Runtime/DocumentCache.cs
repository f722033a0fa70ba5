namespace Leads.Projections.Runtime;

/// <summary>
/// The documents this projector last committed or loaded, most recently used first, up to a capacity: a batch loads from
/// the store only the documents it does not hold. On an interleaved log each event of a batch is another lead's and the
/// load is most of a batch's reading; a lead's next event usually comes while its document is still here.
/// Holds only what the store holds: entries are added after a commit succeeded, and the whole cache is dropped whenever
/// the projector (re)subscribes, so a reset, a parked replay, a failed commit or another instance's lease never leaves
/// a stale document behind. Documents are immutable (a projection returns a new one), so sharing them is safe.
/// </summary>
internal sealed class DocumentCache<TDoc>(int capacity)
    where TDoc : class
{
    private readonly Dictionary<string, LinkedListNode<StoredDocument<TDoc>>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredDocument<TDoc>> _recency = new();

    public int Count => _entries.Count;

    /// <summary>Moves what it holds of <paramref name="streamIds"/> into <paramref name="found"/>; returns the streams still to load.</summary>
    public List<string> Take(IReadOnlyCollection<string> streamIds, Dictionary<string, StoredDocument<TDoc>> found)
    {
        var missing = new List<string>();
        foreach (var streamId in streamIds)
        {
            if (_entries.TryGetValue(streamId, out var node))
            {
                found[streamId] = node.Value;
                Touch(node);
            }
            else
            {
                missing.Add(streamId);
            }
        }

        return missing;
    }

    /// <summary>Remembers a document as the store now holds it, evicting the least recently used beyond the capacity.</summary>
    public void Put(StoredDocument<TDoc> document)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (_entries.TryGetValue(document.StreamId, out var node))
        {
            node.Value = document;
            Touch(node);
            return;
        }

        _entries[document.StreamId] = _recency.AddFirst(document);
        while (_entries.Count > capacity && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _entries.Remove(oldest.Value.StreamId);
        }
    }

    public void Clear()
    {
        _entries.Clear();
        _recency.Clear();
    }

    private void Touch(LinkedListNode<StoredDocument<TDoc>> node)
    {
        if (node != _recency.First)
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
        }
    }
}
