using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Views.MongoDb.ViewFields;

namespace Leads.Views.MongoDb;

/// <summary>
/// The view store's collections and the indexes every query needs, created at start-up (creating an existing index
/// is a no-op): <c>lead_views</c>, one document per lead, its status log embedded so that a lead and its log change in
/// one atomic write. The checkpoint and parked events beside them are the ledger's (<c>MongoProjectionLedger</c>).
/// </summary>
internal sealed class ViewCollections
{
    public const string LeadViews = "lead_views";

    public ViewCollections(IMongoDatabase database)
    {
        Views = database.GetCollection<BsonDocument>(LeadViews);
    }

    public IMongoCollection<BsonDocument> Views { get; }

    /// <summary>ListLeads by status, paged by lead id (the query service); by status alone the _id index serves.</summary>
    public static CreateIndexModel<BsonDocument> ByStatusThenLeadId { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(Status).Ascending(Id),
        new CreateIndexOptions { Name = "by_status_lead_id" });

    /// <summary>ListFollowups: leads in Follow-up by follow-up date (ISO text, so text order is date order), then lead id.</summary>
    public static CreateIndexModel<BsonDocument> ByStatusThenFollowup { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(Status).Ascending(FollowupOn).Ascending(Id),
        new CreateIndexOptions { Name = "by_status_followup_lead_id" });

    /// <summary>Resets: documents changed at or after a position, and the newest position below one.</summary>
    public static CreateIndexModel<BsonDocument> ViewsByPosition { get; } = new(
        Builders<BsonDocument>.IndexKeys.Ascending(PositionCommit).Ascending(PositionPrepare),
        new CreateIndexOptions { Name = "by_position" });

    public Task EnsureIndexesAsync(CancellationToken cancellationToken) =>
        Views.Indexes.CreateManyAsync([ByStatusThenLeadId, ByStatusThenFollowup, ViewsByPosition], cancellationToken);
}
