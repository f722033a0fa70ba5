using System.Globalization;
using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using MongoDB.Bson;
using static Leads.Views.MongoDb.ViewFields;

namespace Leads.Views.MongoDb;

/// <summary>
/// How views, status logs and parked events look in MongoDB. Unsigned positions are stored as 64-bit integers (same
/// bits), times twice: as a BSON date for people and BI tools, and as UTC ticks so that a read gives back the exact
/// recorded time (BSON dates keep milliseconds only).
/// </summary>
internal static class ViewDocuments
{
    public static long Db(ulong value) => unchecked((long)value);

    public static ulong U64(long value) => unchecked((ulong)value);

    public static GlobalPosition PositionOf(BsonDocument doc) =>
        new(U64(doc[PositionCommit].ToInt64()), U64(doc[PositionPrepare].ToInt64()));

    /// <summary>The fields a write sets on a lead's document: everything but its id.</summary>
    public static BsonDocument LeadFields(string streamId, LeadReadModel model) => new()
    {
        { StreamId, streamId },
        { Name, model.View.Name },
        { Email, model.View.Email },
        { Phone, model.View.Phone },
        { PhoneDigits, model.View.PhoneDigits },
        { Status, model.View.Status is { } s ? (int)s : BsonNull.Value },
        { FollowupOn, model.View.FollowupOn is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : BsonNull.Value },
        { Revision, Db(model.View.Revision) },
        { PositionCommit, Db(model.View.Position.Commit) },
        { PositionPrepare, Db(model.View.Position.Prepare) },
        { CreatedAt, new BsonDateTime(model.View.CreatedAt.UtcDateTime) },
        { CreatedTicks, model.View.CreatedAt.UtcTicks },
        { UpdatedAt, new BsonDateTime(model.View.UpdatedAt.UtcDateTime) },
        { UpdatedTicks, model.View.UpdatedAt.UtcTicks },
        { StatusEntries, new BsonArray(model.StatusLog.Entries.Select(StatusEntry)) },
    };

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

    /// <summary>A parked event's id: its projection and position, so re-parking the same event is one document.</summary>
    public static string ParkedId(string projection, GlobalPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{projection}:{position.Commit}:{position.Prepare}");

    public static BsonDocument Parked(string projection, ParkedEvent e) => new()
    {
        { Id, ParkedId(projection, e.Position) },
        { Projection, projection },
        { StreamId, e.StreamId },
        { StreamRevision, Db(e.StreamRevision) },
        { PositionCommit, Db(e.Position.Commit) },
        { PositionPrepare, Db(e.Position.Prepare) },
        { EventId, e.EventId.ToString() },
        { EventType, e.EventType },
        { Created, e.Created.UtcTicks },
        { Held, e.Held },
        { Error, e.Error },
        { Attempts, e.Attempts },
        { ParkedAt, e.ParkedAt.UtcTicks },
    };

    public static ParkedEvent ReadParked(BsonDocument doc) => new(
        doc[StreamId].AsString,
        U64(doc[StreamRevision].ToInt64()),
        PositionOf(doc),
        Guid.Parse(doc[EventId].AsString),
        doc[EventType].AsString,
        new DateTimeOffset(doc[Created].ToInt64(), TimeSpan.Zero),
        doc[Held].ToBoolean(),
        doc[Error].AsString,
        doc[Attempts].ToInt32(),
        new DateTimeOffset(doc[ParkedAt].ToInt64(), TimeSpan.Zero));
}
