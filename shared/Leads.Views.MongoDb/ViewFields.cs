using Leads.Projections.MongoDb;

namespace Leads.Views.MongoDb;

/// <summary>Field names of the view store's documents (camelCase, stable: queries, indexes and BI read them).</summary>
internal static class ViewFields
{
    public const string Id = "_id";
    public const string StreamId = "streamId";
    public const string Name = "name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string PhoneDigits = "phoneDigits";
    public const string Status = "status";
    public const string FollowupOn = "followupOn";
    public const string Revision = "revision";

    /// <summary>The global position of the last event applied: commit and prepare, compared in that order.</summary>
    public const string PositionCommit = MongoPositions.Commit;
    public const string PositionPrepare = MongoPositions.Prepare;

    public const string CreatedAt = "createdAt";
    public const string CreatedTicks = "createdTicks";
    public const string UpdatedAt = "updatedAt";
    public const string UpdatedTicks = "updatedTicks";
    public const string StatusEntries = "statusLog";
    public const string ChangedAt = "changedAt";
    public const string ChangedTicks = "changedTicks";
}
