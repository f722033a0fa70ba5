using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.MongoDb;
using Leads.ReadStores.Tests.MongoDb;

namespace Leads.ReadStores.Tests.ProjectionsMongoDb;

/// <summary>The filters, updates, sorts and indexes the checkpoint-and-parking ledger and the control plane send MongoDB, rendered by the driver.</summary>
public sealed class LedgerRequestShapeTests
{
    private static readonly DateTimeOffset T0 = new(2016, 11, 1, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_checkpoint_only_moves_forward()
    {
        var advance = LedgerRequests.CheckpointAdvance("lead-views", new GlobalPosition(42, 41));

        Bson.Equal("""
            { "_id" : "lead-views", "$or" : [
                { "posCommit" : { "$lt" : NumberLong(42) } },
                { "posCommit" : NumberLong(42), "posPrepare" : { "$lt" : NumberLong(41) } } ] }
            """, Bson.Render(advance.Filter));
        Bson.Equal("""{ "$set" : { "posCommit" : NumberLong(42), "posPrepare" : NumberLong(41) } }""", Bson.Render(advance.Update));
    }

    [Fact]
    public void Every_query_has_its_index()
    {
        Bson.Equal("""{ "projection" : 1, "streamId" : 1, "posCommit" : 1, "posPrepare" : 1 }""", Bson.Render(MongoProjectionLedger.ParkedByStream.Keys));
        Bson.Equal("""{ "projection" : 1, "posCommit" : 1, "posPrepare" : 1 }""", Bson.Render(MongoProjectionLedger.ParkedByPosition.Keys));
        Bson.Equal("""{ "projection" : 1, "acknowledgedAt" : 1, "requestedAt" : 1 }""", Bson.Render(MongoProjectionControl.PendingIndex.Keys));
        Assert.Equal(
            ["by_projection_stream_position", "by_projection_position", "by_projection_pending"],
            new[] { MongoProjectionLedger.ParkedByStream, MongoProjectionLedger.ParkedByPosition, MongoProjectionControl.PendingIndex }
                .Select(i => i.Options.Name));
    }

    [Fact]
    public void A_reset_finds_what_changed_at_or_after_a_position_and_the_newest_write_below_it()
    {
        Bson.Equal("""
            { "$or" : [
                { "posCommit" : { "$gt" : NumberLong(30) } },
                { "posCommit" : NumberLong(30), "posPrepare" : { "$gte" : NumberLong(29) } } ] }
            """, Bson.Render(MongoPositions.AtOrAbove(new GlobalPosition(30, 29))));
        Bson.Equal("""
            { "projection" : "lead-views", "$or" : [
                { "posCommit" : { "$lt" : NumberLong(30) } },
                { "posCommit" : NumberLong(30), "posPrepare" : { "$lt" : NumberLong(30) } } ] }
            """, Bson.Render(LedgerRequests.ParkedBelow("lead-views", GlobalPosition.FromSequence(30))));
        Bson.Equal("""{ "posCommit" : -1, "posPrepare" : -1 }""", Bson.Render(MongoPositions.NewestFirst));
    }

    [Fact]
    public void An_event_is_parked_once_keyed_by_projection_and_position()
    {
        var parked = new ParkedEvent("lead-9", 3, new GlobalPosition(12, 11), Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "NameChanged.v1",
            T0, Held: true, Error: "held back", Attempts: 0, ParkedAt: T0.AddMinutes(1));

        var park = LedgerRequests.ParkOnce("lead-views", parked);

        Bson.Equal("""{ "_id" : "lead-views:12:11" }""", Bson.Render(park.Filter));
        Bson.Equal("""
            { "$setOnInsert" : {
                "projection" : "lead-views", "streamId" : "lead-9", "streamRevision" : NumberLong(3),
                "posCommit" : NumberLong(12), "posPrepare" : NumberLong(11), "eventId" : "0f8fad5b-d9cb-469f-a165-70867728950e",
                "eventType" : "NameChanged.v1", "created" : NumberLong(636135894000000000), "held" : true, "error" : "held back",
                "attempts" : 0, "parkedAt" : NumberLong(636135894600000000) } }
            """, Bson.Render(park.Update));
        Assert.Equal(parked, LedgerDocuments.ReadParked(LedgerDocuments.Parked("lead-views", parked)));
        Bson.Equal("""{ "projection" : "lead-views", "streamId" : "lead-9" }""", Bson.Render(LedgerRequests.ParkedOf("lead-views", "lead-9")));
    }
}
