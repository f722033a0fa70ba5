using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Views.MongoDb.ViewFields;

namespace Leads.Views.MongoDb;

/// <summary>
/// The view store's collections and the indexes every query needs, created at start-up (creating an existing index
/// is a no-op): <c>lead_views</c> (one document per lead, its status log embedded so that a lead and its log change in
/// one atomic write), <c>projection_checkpoints</c> and <c>parked_events</c>.
/// </summary>
internal sealed class ViewCollections
{
    public const string LeadViews = "lead_views";
    public const string Checkpoints = "projection_checkpoints";
    public const string ParkedEvents = "parked_events";

    public ViewCollections(IMongoDatabase database)
    {
        Views = database.GetCollection<BsonDocument>(LeadViews);
        CheckpointRows = database.GetCollection<BsonDocument>(Checkpoints);
        Parked = database.GetCollection<BsonDocument>(ParkedEvents);
    }

    public IMongoCollection<BsonDocument> Views { get; }
    public IMongoCollection<BsonDocument> CheckpointRows { get; }
    public IMongoCollection<BsonDocument> Parked { get; }

    /// <summary>ListLeads by status, paged by lead id (the query service); by status alone the _id index serves.</summary>
    public static CreateIndexModel<BsonDocument> ByStatusThenLeadId { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(Status).Ascending(Id),
        new CreateIndexOptions { Name = "by_status_lead_id" });

    /// <summary>Resets: documents changed at or after a position, and the newest position below one.</summary>
    public static CreateIndexModel<BsonDocument> ViewsByPosition { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(PositionCommit).Ascending(PositionPrepare),
        new CreateIndexOptions { Name = "by_position" });

    /// <summary>ListParked for one stream (and replaying it), in position order.</summary>
    public static CreateIndexModel<BsonDocument> ParkedByStream { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(Projection).Ascending(StreamId).Ascending(PositionCommit).Ascending(PositionPrepare),
        new CreateIndexOptions { Name = "by_projection_stream_position" });

    /// <summary>ListParked for a projection, CountParked, and resets by position.</summary>
    public static CreateIndexModel<BsonDocument> ParkedByPosition { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(Projection).Ascending(PositionCommit).Ascending(PositionPrepare),
        new CreateIndexOptions { Name = "by_projection_position" });

    public async Task EnsureIndexesAsync(CancellationToken cancellationToken)
    {
        await Views.Indexes.CreateManyAsync([ByStatusThenLeadId, ViewsByPosition], cancellationToken).ConfigureAwait(false);
        await Parked.Indexes.CreateManyAsync([ParkedByStream, ParkedByPosition], cancellationToken).ConfigureAwait(false);
    }
}
