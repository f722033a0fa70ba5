using System.Globalization;
using Leads.EventStore;
using MongoDB.Bson;
using static Leads.Projections.MongoDb.MongoPositions;

namespace Leads.Projections.MongoDb;

/// <summary>
/// Parked events as MongoDB documents (camelCase field names, stable: ops and BI read them). Times are UTC ticks, so a
/// read gives back the exact recorded time.
/// </summary>
internal static class LedgerDocuments
{
    public const string Id = "_id";
    public const string Projection = "projection";
    public const string StreamId = "streamId";
    public const string StreamRevision = "streamRevision";
    public const string EventId = "eventId";
    public const string EventType = "eventType";
    public const string Created = "created";
    public const string Held = "held";
    public const string Error = "error";
    public const string Attempts = "attempts";
    public const string ParkedAt = "parkedAt";

    /// <summary>A parked event's id: its projection and position, so re-parking the same event is one document.</summary>
    public static string ParkedId(string projection, GlobalPosition position) =>
        string.Create(CultureInfo.InvariantCulture, $"{projection}:{position.Commit}:{position.Prepare}");

    public static BsonDocument Parked(string projection, ParkedEvent e) => new()
    {
        { Id, ParkedId(projection, e.Position) },
        { Projection, projection },
        { StreamId, e.StreamId },
        { StreamRevision, Db(e.StreamRevision) },
        { Commit, Db(e.Position.Commit) },
        { Prepare, Db(e.Position.Prepare) },
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
