using Leads.EventStore;
using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Projections.MongoDb.LedgerDocuments;
using static Leads.Projections.MongoDb.MongoPositions;

namespace Leads.Projections.MongoDb;

/// <summary>
/// Every filter, update and write the ledger sends, built in one place so that tests can render them to BSON and
/// compare them with what MongoDB should receive.
/// </summary>
internal static class LedgerRequests
{
    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    /// <summary>
    /// Moves the checkpoint forward only (a late retry of an older batch never moves it back); upsert creates it, a
    /// duplicate key means a newer checkpoint is stored.
    /// </summary>
    public static UpdateOneModel<BsonDocument> CheckpointAdvance(string projection, GlobalPosition checkpoint) =>
        new(Filter.And(Filter.Eq(Id, projection), Below(checkpoint)), CheckpointSet(checkpoint)) { IsUpsert = true };

    public static UpdateDefinition<BsonDocument> CheckpointSet(GlobalPosition checkpoint) =>
        Builders<BsonDocument>.Update.Set(Commit, Db(checkpoint.Commit)).Set(Prepare, Db(checkpoint.Prepare));

    public static FilterDefinition<BsonDocument> CheckpointOf(string projection) => Filter.Eq(Id, projection);

    /// <summary>Parks an event once: a re-delivered parked event leaves the stored entry (its attempts, its error) alone.</summary>
    public static UpdateOneModel<BsonDocument> ParkOnce(string projection, ParkedEvent parked)
    {
        var fields = Parked(projection, parked);
        fields.Remove(Id);
        return new UpdateOneModel<BsonDocument>(Filter.Eq(Id, ParkedId(projection, parked.Position)), new BsonDocument("$setOnInsert", fields))
        {
            IsUpsert = true,
        };
    }

    public static ReplaceOneModel<BsonDocument> ParkedReplace(string projection, ParkedEvent parked) =>
        new(Filter.Eq(Id, ParkedId(projection, parked.Position)), Parked(projection, parked)) { IsUpsert = true };

    public static DeleteOneModel<BsonDocument> ParkedDelete(string projection, ParkedEvent parked) =>
        new(Filter.Eq(Id, ParkedId(projection, parked.Position)));

    public static FilterDefinition<BsonDocument> ParkedOf(string projection, string? streamId) =>
        streamId is null
            ? Filter.Eq(Projection, projection)
            : Filter.And(Filter.Eq(Projection, projection), Filter.Eq(StreamId, streamId));

    public static FilterDefinition<BsonDocument> ParkedAtOrAfter(string projection, GlobalPosition from) =>
        Filter.And(Filter.Eq(Projection, projection), AtOrAbove(from));

    public static FilterDefinition<BsonDocument> ParkedBelow(string projection, GlobalPosition before) =>
        Filter.And(Filter.Eq(Projection, projection), Below(before));
}
