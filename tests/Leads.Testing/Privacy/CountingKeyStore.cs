using Leads.Privacy;

namespace Leads.Testing.Privacy;

/// <summary>
/// A key store that counts the round trips made through it to <paramref name="inner"/>, and can be told to fail the
/// batch lookups (<see cref="FailBatches"/>), to show what a reader does without them.
/// </summary>
public sealed class CountingKeyStore(ILeadKeyStore inner) : ILeadKeyStore
{
    private int _singleReads;
    private int _batchReads;

    /// <summary>Calls of <see cref="GetAsync"/> and <see cref="GetOrCreateAsync"/>.</summary>
    public int SingleReads => Volatile.Read(ref _singleReads);

    /// <summary>Calls of <see cref="GetManyAsync"/>.</summary>
    public int BatchReads => Volatile.Read(ref _batchReads);

    public bool FailBatches { get; set; }

    public Task<LeadKeyLookup> GetOrCreateAsync(long leadId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _singleReads);
        return inner.GetOrCreateAsync(leadId, cancellationToken);
    }

    public Task<LeadKeyLookup> GetAsync(long leadId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _singleReads);
        return inner.GetAsync(leadId, cancellationToken);
    }

    public Task<IReadOnlyDictionary<long, LeadKeyLookup>> GetManyAsync(IReadOnlyCollection<long> leadIds, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _batchReads);
        return FailBatches
            ? throw new InvalidOperationException("the key store's batch lookup is down (test)")
            : inner.GetManyAsync(leadIds, cancellationToken);
    }

    public Task<KeyErasure> DeleteAsync(KeyErasure erasure, CancellationToken cancellationToken) => inner.DeleteAsync(erasure, cancellationToken);

    public Task<IReadOnlyList<KeyErasure>> ListErasuresAsync(long afterLeadId, int limit, CancellationToken cancellationToken) =>
        inner.ListErasuresAsync(afterLeadId, limit, cancellationToken);
}
