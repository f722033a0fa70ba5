namespace Leads.Privacy;

/// <summary>
/// Where each lead's data key lives: the port a KMS can be plugged in behind. A key, once deleted, never comes back:
/// the store keeps a tombstone with the erasure's receipt, and <see cref="GetOrCreateAsync"/> answers it instead of
/// creating a new key. Every adapter (SQLite, MongoDB) passes the same contract suite.
/// </summary>
public interface ILeadKeyStore
{
    /// <summary>The lead's key, created on first use; the erasure when the lead's key was deleted.</summary>
    Task<LeadKeyLookup> GetOrCreateAsync(long leadId, CancellationToken cancellationToken);

    /// <summary>
    /// The keys of many leads at once, created where missing, in the order asked (a bulk import's batch). An adapter
    /// whose engine has transactions creates them in one; this default asks one lead at a time.
    /// </summary>
    async Task<IReadOnlyList<LeadKeyLookup>> GetOrCreateManyAsync(IReadOnlyList<long> leadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        var lookups = new List<LeadKeyLookup>(leadIds.Count);
        foreach (var leadId in leadIds)
        {
            lookups.Add(await GetOrCreateAsync(leadId, cancellationToken).ConfigureAwait(false));
        }

        return lookups;
    }

    /// <summary>The lead's key, its erasure, or neither (a lead whose events were written before encryption).</summary>
    Task<LeadKeyLookup> GetAsync(long leadId, CancellationToken cancellationToken);

    /// <summary>
    /// What <see cref="GetAsync"/> answers for each of <paramref name="leadIds"/>, in one round trip per few hundred
    /// leads: how a projector reads the keys of a whole batch of events at once. Every asked lead is in the answer.
    /// </summary>
    Task<IReadOnlyDictionary<long, LeadKeyLookup>> GetManyAsync(IReadOnlyCollection<long> leadIds, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the lead's key and stores <paramref name="erasure"/> as its tombstone, atomically. Idempotent: when the
    /// key was deleted before, nothing changes and the original erasure is returned.
    /// </summary>
    Task<KeyErasure> DeleteAsync(KeyErasure erasure, CancellationToken cancellationToken);

    /// <summary>
    /// The tombstones of leads whose id is above <paramref name="afterLeadId"/>, by lead id, at most
    /// <paramref name="limit"/>: pages through every erasure (to complete erasures a crash left half done).
    /// </summary>
    Task<IReadOnlyList<KeyErasure>> ListErasuresAsync(long afterLeadId, int limit, CancellationToken cancellationToken);
}
