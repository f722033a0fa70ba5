using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using MongoDB.Bson;
using MongoDB.Driver;
using static Leads.Projections.MongoDb.MongoPositions;
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
        Filter.And(Filter.Eq(Id, leadId), Below(position));

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

    /// <summary>
    /// A page of ListFollowups: in Follow-up, the date inside the window (a lead without one has null and never
    /// matches a text bound), after the (date, lead id) the previous page ended on.
    /// </summary>
    public static FilterDefinition<BsonDocument> FollowupsPage(FollowupWindow window, (DateOnly Date, long LeadId)? after)
    {
        var filters = new List<FilterDefinition<BsonDocument>>
        {
            Filter.Eq(Status, (int)LeadStatus.FollowUp),
            Filter.Gte(FollowupOn, window.From is { } from ? IsoDate(from) : "0000-00-00"),
            Filter.Lte(FollowupOn, window.To is { } to ? IsoDate(to) : "9999-99-99"),
        };
        if (after is { } a)
        {
            filters.Add(Filter.Or(
                Filter.Gt(FollowupOn, IsoDate(a.Date)),
                Filter.And(Filter.Eq(FollowupOn, IsoDate(a.Date)), Filter.Gt(Id, a.LeadId))));
        }

        return Filter.And(filters);
    }

    public static SortDefinition<BsonDocument> ByFollowupThenLeadId { get; } = Builders<BsonDocument>.Sort.Ascending(FollowupOn).Ascending(Id);

    public static SortDefinition<BsonDocument> ByLeadId { get; } = Builders<BsonDocument>.Sort.Ascending(Id);

    public static ProjectionDefinition<BsonDocument> StatusLogOnly { get; } =
        Builders<BsonDocument>.Projection.Include(StatusEntries);
}
