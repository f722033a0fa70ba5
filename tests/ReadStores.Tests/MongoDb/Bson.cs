using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Bson.Serialization.Serializers;
using MongoDB.Driver;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>Renders filters, updates, sorts and index keys with the driver, as it sends them, and compares them with expected BSON.</summary>
public static class Bson
{
    private static RenderArgs<BsonDocument> Args => new(BsonDocumentSerializer.Instance, BsonSerializer.SerializerRegistry);

    public static BsonDocument Render(FilterDefinition<BsonDocument> filter) => filter.Render(Args);

    public static BsonValue Render(UpdateDefinition<BsonDocument> update) => update.Render(Args);

    public static BsonDocument Render(SortDefinition<BsonDocument> sort) => sort.Render(Args);

    public static BsonDocument Render(IndexKeysDefinition<BsonDocument> keys) => keys.Render(Args);

    /// <summary>Equal as BSON (types and element order included: NumberLong is not an int, and key order matters to MongoDB).</summary>
    public static void Equal(string expected, BsonValue actual)
    {
        var e = BsonDocument.Parse(expected);
        if (!e.Equals(actual))
        {
            Assert.Fail($"BSON differs.\nExpected: {e.ToJson()}\nActual:   {actual.ToJson()}");
        }
    }
}
