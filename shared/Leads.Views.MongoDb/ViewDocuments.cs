using System.Globalization;
using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using MongoDB.Bson;
using static Leads.Projections.MongoDb.MongoPositions;
using static Leads.Views.MongoDb.ViewFields;

namespace Leads.Views.MongoDb;

/// <summary>
/// How views and status logs look in MongoDB. Unsigned positions are stored as 64-bit integers (same
/// bits), times twice: as a BSON date for people and BI tools, and as UTC ticks so that a read gives back the exact
/// recorded time (BSON dates keep milliseconds only).
/// </summary>
internal static class ViewDocuments
{
    /// <summary>The fields a write sets on a lead's document: everything but its id.</summary>
    public static BsonDocument LeadFields(string streamId, LeadReadModel model) => new()
    {
        { StreamId, streamId },
        { Name, model.View.Name },
        { Email, model.View.Email },
        { Phone, model.View.Phone },
        { PhoneDigits, model.View.PhoneDigits },
        { Status, model.View.Status is { } s ? (int)s : BsonNull.Value },
        { FollowupOn, model.View.FollowupOn is { } d ? IsoDate(d) : BsonNull.Value },
        { Revision, Db(model.View.Revision) },
        { PositionCommit, Db(model.View.Position.Commit) },
        { PositionPrepare, Db(model.View.Position.Prepare) },
        { CreatedAt, new BsonDateTime(model.View.CreatedAt.UtcDateTime) },
        { CreatedTicks, model.View.CreatedAt.UtcTicks },
        { UpdatedAt, new BsonDateTime(model.View.UpdatedAt.UtcDateTime) },
        { UpdatedTicks, model.View.UpdatedAt.UtcTicks },
        { StatusEntries, new BsonArray(model.StatusLog.Entries.Select(StatusEntry)) },
    };

    /// <summary>A follow-up date as stored: ISO text, so that text order is date order.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A whole lead document (a rewind replaces the stored one with it).</summary>
    public static BsonDocument Lead(string streamId, LeadReadModel model) =>
        new BsonDocument(Id, model.View.LeadId).AddRange(LeadFields(streamId, model));

    public static BsonDocument StatusEntry(StatusLogEntry entry) => new()
    {
        { Status, (int)entry.Status },
        { ChangedAt, new BsonDateTime(entry.ChangedAt.UtcDateTime) },
        { ChangedTicks, entry.ChangedAt.UtcTicks },
        { PositionCommit, Db(entry.Position.Commit) },
        { PositionPrepare, Db(entry.Position.Prepare) },
    };

    public static LeadView ReadView(BsonDocument doc) => new()
    {
        LeadId = doc[Id].ToInt64(),
        Exists = true,
        Name = doc[Name].AsString,
        Email = doc[Email].AsString,
        Phone = doc[Phone].AsString,
        PhoneDigits = doc[PhoneDigits].AsString,
        Status = doc[Status].IsBsonNull ? null : (LeadStatus)doc[Status].ToInt32(),
        FollowupOn = doc[FollowupOn].IsBsonNull ? null : DateOnly.ParseExact(doc[FollowupOn].AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Revision = U64(doc[Revision].ToInt64()),
        Position = PositionOf(doc),
        CreatedAt = new DateTimeOffset(doc[CreatedTicks].ToInt64(), TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(doc[UpdatedTicks].ToInt64(), TimeSpan.Zero),
    };

    public static IReadOnlyList<StatusLogEntry> ReadStatusLog(BsonDocument doc) =>
        doc.TryGetValue(StatusEntries, out var log) && log is BsonArray entries
            ? entries.Select(e => e.AsBsonDocument).Select(e => new StatusLogEntry(
                (LeadStatus)e[Status].ToInt32(), new DateTimeOffset(e[ChangedTicks].ToInt64(), TimeSpan.Zero), PositionOf(e))).ToList()
            : [];

    public static StoredDocument<LeadReadModel> ReadStored(BsonDocument doc)
    {
        var view = ReadView(doc);
        return new StoredDocument<LeadReadModel>(
            doc[StreamId].AsString, new LeadReadModel(view, new StatusLog(view.LeadId, ReadStatusLog(doc))), view.Position);
    }
}
