using MongoDB.Bson;
using MongoDB.Driver;

namespace Leads.Privacy.MongoDb;

/// <summary>
/// The requests the MongoDB key store sends, in one place so their shape is tested without a server. One document
/// per lead: <c>{ _id: leadId, key: BinData, createdAt, erasedAt?, erasedBy?, reason? }</c>; a deleted key leaves the
/// document as its tombstone, without the key.
/// </summary>
internal static class LeadKeyRequests
{
    public const string Id = "_id";
    public const string Key = "key";
    public const string CreatedAt = "createdAt";
    public const string ErasedAt = "erasedAt";
    public const string ErasedBy = "erasedBy";
    public const string Reason = "reason";

    private static readonly FilterDefinitionBuilder<BsonDocument> Filter = Builders<BsonDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<BsonDocument> Update = Builders<BsonDocument>.Update;

    public static FilterDefinition<BsonDocument> ById(long leadId) => Filter.Eq(Id, leadId);

    /// <summary>The documents of these leads, in one query (<c>{ _id: { $in: [...] } }</c>, answered from the _id index).</summary>
    public static FilterDefinition<BsonDocument> ByIds(IEnumerable<long> leadIds) => Filter.In(Id, leadIds);

    /// <summary>Creates the key when the lead has no document yet; an existing key or tombstone is left as it is.</summary>
    public static UpdateDefinition<BsonDocument> CreateIfMissing(byte[] key, DateTimeOffset now) =>
        Update.SetOnInsert(Key, new BsonBinaryData(key)).SetOnInsert(CreatedAt, now.UtcDateTime);

    /// <summary>Matches the lead's document unless it is a tombstone already (so a second deletion changes nothing).</summary>
    public static FilterDefinition<BsonDocument> NotErased(long leadId) => Filter.And(Filter.Eq(Id, leadId), Filter.Exists(ErasedAt, false));

    /// <summary>The tombstones of leads above <paramref name="afterLeadId"/> (paged by <see cref="ByLeadId"/>).</summary>
    public static FilterDefinition<BsonDocument> ErasedAfter(long afterLeadId) => Filter.And(Filter.Gt(Id, afterLeadId), Filter.Exists(ErasedAt));

    public static SortDefinition<BsonDocument> ByLeadId { get; } = Builders<BsonDocument>.Sort.Ascending(Id);

    public static UpdateDefinition<BsonDocument> Erase(KeyErasure erasure) =>
        Update.Unset(Key)
            .Set(ErasedAt, erasure.ErasedAt.UtcDateTime)
            .Set(ErasedBy, erasure.ErasedBy)
            .Set(Reason, erasure.Reason)
            .SetOnInsert(CreatedAt, erasure.ErasedAt.UtcDateTime);

    public static LeadKeyLookup ToLookup(long leadId, BsonDocument? document)
    {
        if (document is null)
        {
            return LeadKeyLookup.None(leadId);
        }

        if (document.TryGetValue(ErasedAt, out var erasedAt))
        {
            return LeadKeyLookup.Erased(new KeyErasure(
                leadId,
                new DateTimeOffset(erasedAt.ToUniversalTime(), TimeSpan.Zero),
                document.GetValue(ErasedBy, "").AsString,
                document.GetValue(Reason, "").AsString));
        }

        return document.TryGetValue(Key, out var key) ? LeadKeyLookup.Found(leadId, key.AsByteArray) : LeadKeyLookup.None(leadId);
    }
}
