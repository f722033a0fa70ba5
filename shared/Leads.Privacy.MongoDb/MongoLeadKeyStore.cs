using MongoDB.Bson;
using MongoDB.Driver;

namespace Leads.Privacy.MongoDb;

/// <summary>
/// The production key store: collection <c>lead_keys</c> in the read side's MongoDB database, majority writes. A
/// KMS would sit behind the same port (<see cref="ILeadKeyStore"/>), wrapping these keys.
/// </summary>
public sealed class MongoLeadKeyStore(IMongoDatabase database, TimeProvider? time = null) : ILeadKeyStore
{
    public const string CollectionName = "lead_keys";

    private const int DuplicateKey = 11000;

    private readonly IMongoCollection<BsonDocument> _keys = database.GetCollection<BsonDocument>(CollectionName)
        .WithWriteConcern(WriteConcern.WMajority).WithReadConcern(ReadConcern.Majority);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>
    /// The store in <paramref name="database"/>, or the connection string's database, or <c>leads</c>, of the server
    /// <paramref name="connectionString"/> names.
    /// </summary>
    public static MongoLeadKeyStore Connect(string connectionString, string? database = null)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var url = MongoUrl.Create(connectionString.Trim());
        return new MongoLeadKeyStore(new MongoClient(url).GetDatabase(database ?? url.DatabaseName ?? "leads"));
    }

    public async Task<LeadKeyLookup> GetOrCreateAsync(long leadId, CancellationToken cancellationToken)
    {
        try
        {
            await _keys.UpdateOneAsync(
                LeadKeyRequests.ById(leadId),
                LeadKeyRequests.CreateIfMissing(PersonalDataCipher.NewKey(), _time.GetUtcNow()),
                new UpdateOptions { IsUpsert = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            // Another process created it at the same moment: theirs is the key.
        }

        return await GetAsync(leadId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LeadKeyLookup> GetAsync(long leadId, CancellationToken cancellationToken)
    {
        var document = await _keys.Find(LeadKeyRequests.ById(leadId)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return LeadKeyRequests.ToLookup(leadId, document);
    }

    public async Task<IReadOnlyDictionary<long, LeadKeyLookup>> GetManyAsync(IReadOnlyCollection<long> leadIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leadIds);
        var found = leadIds.Distinct().ToDictionary(id => id, LeadKeyLookup.None);
        if (found.Count == 0)
        {
            return found;
        }

        var documents = await _keys.Find(LeadKeyRequests.ByIds(found.Keys)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var document in documents)
        {
            var leadId = document[LeadKeyRequests.Id].ToInt64();
            found[leadId] = LeadKeyRequests.ToLookup(leadId, document);
        }

        return found;
    }

    public async Task<KeyErasure> DeleteAsync(KeyErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        try
        {
            await _keys.UpdateOneAsync(
                LeadKeyRequests.NotErased(erasure.LeadId),
                LeadKeyRequests.Erase(erasure),
                new UpdateOptions { IsUpsert = true },
                cancellationToken).ConfigureAwait(false);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Code == DuplicateKey)
        {
            // The tombstone exists already (the filter did not match it, so the upsert tried to insert): keep the original.
        }

        var stored = await GetAsync(erasure.LeadId, cancellationToken).ConfigureAwait(false);
        return stored.Erasure ?? throw new InvalidOperationException($"the key of lead {erasure.LeadId} was not deleted");
    }

    public async Task<IReadOnlyList<KeyErasure>> ListErasuresAsync(long afterLeadId, int limit, CancellationToken cancellationToken)
    {
        var documents = await _keys.Find(LeadKeyRequests.ErasedAfter(afterLeadId))
            .Sort(LeadKeyRequests.ByLeadId).Limit(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. documents.Select(d => LeadKeyRequests.ToLookup(d[LeadKeyRequests.Id].ToInt64(), d).Erasure!)];
    }
}
