using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.MongoDb;
using Leads.ReadStores.Tests.MongoDb;
using MongoDB.Bson;

namespace Leads.ReadStores.Tests.ProjectionsMongoDb;

/// <summary>The control plane's documents and the filter and update that acknowledge a request exactly once.</summary>
public sealed class ControlRequestShapeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static TheoryData<ControlAction> Actions() =>
    [
        new ControlAction.Pause(),
        new ControlAction.Resume(),
        new ControlAction.ReplayParked("lead-1410"),
        new ControlAction.Reset(ResetFrom.Start),
        new ControlAction.Reset(ResetFrom.Position(new GlobalPosition(42, 41))),
        new ControlAction.Reset(ResetFrom.Time(T0)),
    ];

    [Theory]
    [MemberData(nameof(Actions))]
    public void A_request_reads_back_as_written(ControlAction action)
    {
        var request = new ControlRequest("r1", "lead-views", action, T0);

        Assert.Equal(request, ControlDocuments.ReadRequest(BsonDocument.Parse(ControlDocuments.Request(request).ToJson())));
    }

    [Fact]
    public void A_status_reads_back_as_written()
    {
        var status = new ProjectorStatus("lead-search", ProjectorState.Rebuilding, GlobalPosition.FromSequence(5), new GlobalPosition(9, 8), 4, 1.5,
            "MongoDB unavailable", 2, GlobalPosition.Start, GlobalPosition.FromSequence(9), T0);

        Assert.Equal(status, ControlDocuments.ReadStatus(BsonDocument.Parse(ControlDocuments.Status(status).ToJson())));
    }

    [Fact]
    public void A_projections_origin_is_one_document_by_its_name_replaced_whole()
    {
        Bson.Equal("""{ "_id" : "lead-views" }""", Bson.Render(MongoCheckpointOrigins.Of("lead-views")));
        Bson.Equal("""{ "_id" : "lead-views", "storeId" : "0a1b" }""", MongoCheckpointOrigins.Origin("lead-views", "0a1b"));
    }

    [Fact]
    public void Pending_requests_are_the_unacknowledged_ones_of_a_projection_and_an_acknowledgement_applies_once()
    {
        Bson.Equal("""{ "projection" : "lead-views", "acknowledgedAt" : null }""", Bson.Render(MongoProjectionControl.Pending("lead-views")));
        Bson.Equal("""{ "_id" : "r1", "acknowledgedAt" : null }""", Bson.Render(MongoProjectionControl.Unacknowledged("r1")));
        Bson.Equal("""
            { "$set" : { "acknowledgedAt" : NumberLong(639029198450000000), "succeeded" : true, "result" : "12" } }
            """, Bson.Render(MongoProjectionControl.Acknowledgement(T0, true, "12")));
    }
}
