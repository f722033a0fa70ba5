using Leads.Privacy;
using Leads.Privacy.MongoDb;
using MongoDB.Bson;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>The filters and updates the MongoDB key store sends, rendered by the driver.</summary>
public sealed class KeyRequestShapeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_key_is_created_only_on_insert_so_an_existing_key_or_tombstone_is_kept()
    {
        var update = LeadKeyRequests.CreateIfMissing(new byte[32], At);

        Bson.Equal("""
            { "$setOnInsert" : { "key" : BinData(0, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), "createdAt" : ISODate("2026-11-27T03:00:00Z") } }
            """, Bson.Render(update));
        Bson.Equal("""{ "_id" : NumberLong(1410) }""", Bson.Render(LeadKeyRequests.ById(1410)));
    }

    [Fact]
    public void The_keys_of_a_batch_are_read_in_one_query_by_id()
    {
        Bson.Equal("""{ "_id" : { "$in" : [NumberLong(1410), NumberLong(1411)] } }""", Bson.Render(LeadKeyRequests.ByIds([1410, 1411])));
    }

    [Fact]
    public void Deletion_matches_only_a_lead_not_yet_erased()
    {
        Bson.Equal("""{ "_id" : NumberLong(1410), "erasedAt" : { "$exists" : false } }""", Bson.Render(LeadKeyRequests.NotErased(1410)));
    }

    [Fact]
    public void Deletion_unsets_the_key_and_records_the_tombstone()
    {
        var update = LeadKeyRequests.Erase(new KeyErasure(1410, At, "ops-anna", "customer asked"));

        Bson.Equal("""
            { "$unset" : { "key" : 1 },
              "$set" : { "erasedAt" : ISODate("2026-11-27T03:00:00Z"), "erasedBy" : "ops-anna", "reason" : "customer asked" },
              "$setOnInsert" : { "createdAt" : ISODate("2026-11-27T03:00:00Z") } }
            """, Bson.Render(update));
    }

    [Fact]
    public void A_tombstone_reads_as_the_erasure_and_never_as_a_key()
    {
        var document = new BsonDocument
        {
            { "_id", 1410L }, { "createdAt", At.UtcDateTime }, { "erasedAt", At.UtcDateTime }, { "erasedBy", "ops-anna" }, { "reason", "asked" },
        };

        var lookup = LeadKeyRequests.ToLookup(1410, document);

        Assert.Null(lookup.Key);
        Assert.Equal(new KeyErasure(1410, At, "ops-anna", "asked"), lookup.Erasure);
    }
}
