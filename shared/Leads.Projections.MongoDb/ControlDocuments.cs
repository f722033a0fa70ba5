using System.Globalization;
using Leads.EventStore;
using Leads.Projections;
using MongoDB.Bson;

namespace Leads.Projections.MongoDb;

/// <summary>Status rows and control requests as MongoDB documents; an action is two readable fields (kind, argument).</summary>
internal static class ControlDocuments
{
    public static BsonDocument Status(ProjectorStatus status) => new()
    {
        { "_id", status.Name },
        { "state", status.State.ToString() },
        { "checkpoint", Position(status.Checkpoint) },
        { "head", Position(status.Head) },
        { "lagEvents", unchecked((long)status.LagEvents) },
        { "lagSeconds", status.LagSeconds },
        { "lastError", (BsonValue?)status.LastError ?? BsonNull.Value },
        { "parkedCount", status.ParkedCount },
        { "rebuildFrom", Position(status.RebuildFrom) },
        { "rebuildTarget", Position(status.RebuildTarget) },
        { "heartbeat", new BsonDateTime(status.Heartbeat.UtcDateTime) },
        { "heartbeatTicks", status.Heartbeat.UtcTicks },
    };

    public static ProjectorStatus ReadStatus(BsonDocument doc) => new(
        doc["_id"].AsString,
        Enum.Parse<ProjectorState>(doc["state"].AsString),
        ReadPosition(doc["checkpoint"]),
        ReadPosition(doc["head"]),
        unchecked((ulong)doc["lagEvents"].ToInt64()),
        doc["lagSeconds"].ToDouble(),
        doc["lastError"].IsBsonNull ? null : doc["lastError"].AsString,
        doc["parkedCount"].ToInt32(),
        ReadPosition(doc["rebuildFrom"]),
        ReadPosition(doc["rebuildTarget"]),
        new DateTimeOffset(doc["heartbeatTicks"].ToInt64(), TimeSpan.Zero));

    public static BsonDocument Request(ControlRequest request)
    {
        var (kind, argument) = ControlActionText.Write(request.Action);
        return new BsonDocument
        {
            { "_id", request.RequestId },
            { "projection", request.Projection },
            { "kind", kind },
            { "argument", (BsonValue?)argument ?? BsonNull.Value },
            { "requestedAt", request.RequestedAt.UtcTicks },
            { "acknowledgedAt", BsonNull.Value },
            { "succeeded", BsonNull.Value },
            { "result", BsonNull.Value },
        };
    }

    public static ControlRequest ReadRequest(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["projection"].AsString,
        ControlActionText.Read(doc["kind"].AsString, doc["argument"].IsBsonNull ? null : doc["argument"].AsString),
        new DateTimeOffset(doc["requestedAt"].ToInt64(), TimeSpan.Zero),
        doc["acknowledgedAt"].IsBsonNull ? null : new DateTimeOffset(doc["acknowledgedAt"].ToInt64(), TimeSpan.Zero),
        doc["succeeded"].IsBsonNull ? null : doc["succeeded"].ToBoolean(),
        doc["result"].IsBsonNull ? null : doc["result"].AsString);

    private static BsonValue Position(GlobalPosition? position) =>
        position is { } p
            ? new BsonDocument { { "commit", unchecked((long)p.Commit) }, { "prepare", unchecked((long)p.Prepare) } }
            : BsonNull.Value;

    private static GlobalPosition? ReadPosition(BsonValue value) =>
        value.IsBsonNull ? null : new GlobalPosition(unchecked((ulong)value["commit"].ToInt64()), unchecked((ulong)value["prepare"].ToInt64()));
}
