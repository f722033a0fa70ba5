using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Views.MongoDb.ViewDocuments;
using static Leads.Views.MongoDb.ViewFields;

namespace Leads.Views.MongoDb;

/// <summary>
/// Every filter, update and write the view store sends, built in one place so that tests can render them to BSON and
/// compare them with what MongoDB should receive.
/// </summary>
internal static class ViewRequests
{
    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    /// <summary>The stored position is lower than <paramref name="position"/> (commit first, then prepare).</summary>
    public static FilterDefinition<BsonDocument> PositionBelow(GlobalPosition position) =>
        Filter.Or(
            Filter.Lt(PositionCommit, Db(position.Commit)),
            Filter.And(Filter.Eq(PositionCommit, Db(position.Commit)), Filter.Lt(PositionPrepare, Db(position.Prepare))));

    /// <summary>The stored position is at or above <paramref name="position"/>.</summary>
    public static FilterDefinition<BsonDocument> PositionAtOrAbove(GlobalPosition position) =>
        Filter.Or(
            Filter.Gt(PositionCommit, Db(position.Commit)),
            Filter.And(Filter.Eq(PositionCommit, Db(position.Commit)), Filter.Gte(PositionPrepare, Db(position.Prepare))));

    /// <summary>
    /// The idempotent write of one lead, one atomic operation: set the whole document only when its stored position is
    /// below the event's; upsert creates a missing one. When the stored document is already at or past the position the
    /// filter misses, the upsert's insert hits the _id and fails with a duplicate key, which means "already applied".
    /// </summary>
    public static UpdateOneModel<BsonDocument> GuardedLeadWrite(DocumentWrite<LeadReadModel> write) =>
        new(GuardedLeadFilter(write.Document.View.LeadId, write.Position), LeadUpdate(write.StreamId, write.Document))
        {
            IsUpsert = true,
        };

    public static FilterDefinition<BsonDocument> GuardedLeadFilter(long leadId, GlobalPosition position) =>
        Filter.And(Filter.Eq(Id, leadId), PositionBelow(position));

    public static UpdateDefinition<BsonDocument> LeadUpdate(string streamId, LeadReadModel model) =>
        new BsonDocument("$set", LeadFields(streamId, model));

    /// <summary>A rewind puts a lead back as it was, whatever is stored (it moves the position backwards).</summary>
    public static ReplaceOneModel<BsonDocument> LeadReplace(string streamId, LeadReadModel model) =>
        new(Filter.Eq(Id, model.View.LeadId), Lead(streamId, model)) { IsUpsert = true };

    public static FilterDefinition<BsonDocument> LeadById(long leadId) => Filter.Eq(Id, leadId);

    public static FilterDefinition<BsonDocument> LeadsById(IEnumerable<long> leadIds) => Filter.In(Id, leadIds);

    /// <summary>A page of ListLeads: in the status (any when null), after the last lead id of the previous page.</summary>
    public static FilterDefinition<BsonDocument> LeadsPage(LeadStatus? status, long afterLeadId) =>
        status is { } s
            ? Filter.And(Filter.Eq(Status, (int)s), Filter.Gt(Id, afterLeadId))
            : Filter.Gt(Id, afterLeadId);

    public static SortDefinition<BsonDocument> ByLeadId { get; } = Builders<BsonDocument>.Sort.Ascending(Id);

    public static SortDefinition<BsonDocument> NewestFirst { get; } =
        Builders<BsonDocument>.Sort.Descending(PositionCommit).Descending(PositionPrepare);

    public static SortDefinition<BsonDocument> OldestFirst { get; } =
        Builders<BsonDocument>.Sort.Ascending(PositionCommit).Ascending(PositionPrepare);

    public static ProjectionDefinition<BsonDocument> StatusLogOnly { get; } =
        Builders<BsonDocument>.Projection.Include(StatusEntries);

    /// <summary>
    /// Moves the checkpoint forward only (a late retry of an older batch never moves it back); upsert creates it, a
    /// duplicate key means a newer checkpoint is stored.
    /// </summary>
    public static UpdateOneModel<BsonDocument> CheckpointAdvance(string projection, GlobalPosition checkpoint) =>
        new(Filter.And(Filter.Eq(Id, projection), PositionBelow(checkpoint)), CheckpointSet(checkpoint)) { IsUpsert = true };

    public static UpdateDefinition<BsonDocument> CheckpointSet(GlobalPosition checkpoint) =>
        Builders<BsonDocument>.Update.Set(PositionCommit, Db(checkpoint.Commit)).Set(PositionPrepare, Db(checkpoint.Prepare));

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
        Filter.And(Filter.Eq(Projection, projection), PositionAtOrAbove(from));

    public static FilterDefinition<BsonDocument> ParkedBelow(string projection, GlobalPosition before) =>
        Filter.And(Filter.Eq(Projection, projection), PositionBelow(before));
}
