using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.MongoDb;
using Leads.Views;
using Leads.Views.MongoDb;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>The filters, updates, sorts and indexes the view store sends MongoDB, rendered by the driver.</summary>
public sealed class ViewRequestShapeTests
{
    private static readonly DateTimeOffset T0 = new(2016, 11, 1, 9, 30, 0, TimeSpan.Zero);

    private static DocumentWrite<LeadReadModel> Lead1410Write()
    {
        ILeadEvent[] events =
        [
            new LeadWasInitialized(1410), new NameChanged(1410, "Stefan Müller"), new StatusChanged(1410, LeadStatus.Available),
            new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"), new StatusChanged(1410, LeadStatus.FollowUp),
            new FollowupSet(1410, new DateOnly(2016, 11, 23)),
        ];
        var contexts = events.Select((e, i) => ((object)e, new EventContext(
            "lead-1410", (ulong)i, GlobalPosition.FromSequence(10 + (ulong)i), Guid.NewGuid(), LeadEventTypes.Of(e), T0.AddTicks(i * 12_345L), EventMetadata.Empty)));
        var model = LeadReadModelProjection.Definition.Fold("lead-1410", contexts);
        return new DocumentWrite<LeadReadModel>("lead-1410", model, model.View.Position, null);
    }

    [Fact]
    public void A_lead_write_is_guarded_by_its_position_in_the_filter_of_one_upsert()
    {
        var write = ViewRequests.GuardedLeadWrite(Lead1410Write());

        Bson.Equal("""
            { "_id" : NumberLong(1410), "$or" : [
                { "posCommit" : { "$lt" : NumberLong(15) } },
                { "posCommit" : NumberLong(15), "posPrepare" : { "$lt" : NumberLong(15) } } ] }
            """, Bson.Render(write.Filter));
        Assert.True(write.IsUpsert);
    }

    [Fact]
    public void A_lead_write_sets_the_whole_view_and_its_status_log_in_one_update()
    {
        var write = ViewRequests.GuardedLeadWrite(Lead1410Write());

        Bson.Equal("""
            { "$set" : {
                "streamId" : "lead-1410", "name" : "Stefan Müller", "email" : "stefan@old.example", "phone" : "03-27243457",
                "phoneDigits" : "0327243457", "status" : 2, "followupOn" : "2016-11-23", "revision" : NumberLong(5),
                "posCommit" : NumberLong(15), "posPrepare" : NumberLong(15),
                "createdAt" : ISODate("2016-11-01T09:30:00Z"), "createdTicks" : NumberLong(636135894000000000),
                "updatedAt" : ISODate("2016-11-01T09:30:00.006Z"), "updatedTicks" : NumberLong(636135894000061725),
                "statusLog" : [
                  { "status" : 1, "changedAt" : ISODate("2016-11-01T09:30:00.002Z"), "changedTicks" : NumberLong(636135894000024690), "posCommit" : NumberLong(12), "posPrepare" : NumberLong(12) },
                  { "status" : 2, "changedAt" : ISODate("2016-11-01T09:30:00.004Z"), "changedTicks" : NumberLong(636135894000049380), "posCommit" : NumberLong(14), "posPrepare" : NumberLong(14) } ] } }
            """, Bson.Render(write.Update));
    }

    [Fact]
    public void A_lead_reads_back_exactly_from_what_is_written_including_sub_millisecond_times()
    {
        var write = Lead1410Write();
        var stored = ViewDocuments.Lead(write.StreamId, write.Document);

        var read = ViewDocuments.ReadStored(BsonDocument.Parse(stored.ToJson()));

        Assert.Equal((write.Document.View, write.Document.StatusLog, write.Position), (read.Document.View, read.Document.StatusLog, read.Position));
    }

    [Fact]
    public void Only_a_duplicate_key_on_a_guarded_upsert_counts_as_already_applied()
    {
        // The guarded writes are upserts: when the guard's filter refuses an older position, the insert meets the _id.
        Assert.True(ViewRequests.GuardedLeadWrite(Lead1410Write()).IsUpsert);
        Assert.True(LedgerRequests.CheckpointAdvance("lead-views", GlobalPosition.FromSequence(3)).IsUpsert);

        Assert.True(MongoLeadViewStore.AllRefusedByTheGuard(writeConcernFailed: false, [ServerErrorCategory.DuplicateKey]));
        Assert.True(MongoLeadViewStore.AllRefusedByTheGuard(writeConcernFailed: false, [ServerErrorCategory.DuplicateKey, ServerErrorCategory.DuplicateKey]));
        Assert.False(MongoLeadViewStore.AllRefusedByTheGuard(writeConcernFailed: false, [ServerErrorCategory.DuplicateKey, ServerErrorCategory.Uncategorized]));
        Assert.False(MongoLeadViewStore.AllRefusedByTheGuard(writeConcernFailed: false, [ServerErrorCategory.ExecutionTimeout]));
        Assert.False(MongoLeadViewStore.AllRefusedByTheGuard(writeConcernFailed: true, [ServerErrorCategory.DuplicateKey]));
        Assert.False(MongoLeadViewStore.AllRefusedByTheGuard(writeConcernFailed: false, []));
    }

    [Fact]
    public void A_page_by_status_starts_after_the_last_lead_id_and_is_sorted_by_it()
    {
        Bson.Equal("""{ "status" : 3, "_id" : { "$gt" : NumberLong(1410) } }""", Bson.Render(ViewRequests.LeadsPage(LeadStatus.Closed, 1410)));
        Bson.Equal("""{ "_id" : { "$gt" : NumberLong(0) } }""", Bson.Render(ViewRequests.LeadsPage(null, 0)));
        Bson.Equal("""{ "_id" : 1 }""", Bson.Render(ViewRequests.ByLeadId));
    }

    [Fact]
    public void A_page_of_follow_ups_is_in_follow_up_inside_the_window_after_the_last_date_and_lead_and_sorted_by_both()
    {
        var window = new FollowupWindow(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 3));

        Bson.Equal("""
            { "status" : 2, "followupOn" : { "$gte" : "2026-12-01", "$lte" : "2026-12-03" }, "$or" : [
                { "followupOn" : { "$gt" : "2026-12-02" } },
                { "followupOn" : "2026-12-02", "_id" : { "$gt" : NumberLong(1410) } } ] }
            """, Bson.Render(ViewRequests.FollowupsPage(window, (new DateOnly(2026, 12, 2), 1410))));
        Bson.Equal("""{ "status" : 2, "followupOn" : { "$gte" : "0000-00-00", "$lte" : "9999-99-99" } }""",
            Bson.Render(ViewRequests.FollowupsPage(FollowupWindow.Any, null)));
        Bson.Equal("""{ "followupOn" : 1, "_id" : 1 }""", Bson.Render(ViewRequests.ByFollowupThenLeadId));
    }

    [Fact]
    public void Every_query_has_its_index()
    {
        Bson.Equal("""{ "status" : 1, "_id" : 1 }""", Bson.Render(ViewCollections.ByStatusThenLeadId.Keys));
        Bson.Equal("""{ "status" : 1, "followupOn" : 1, "_id" : 1 }""", Bson.Render(ViewCollections.ByStatusThenFollowup.Keys));
        Bson.Equal("""{ "posCommit" : 1, "posPrepare" : 1 }""", Bson.Render(ViewCollections.ViewsByPosition.Keys));
        Assert.Equal(
            ["by_status_lead_id", "by_status_followup_lead_id", "by_position"],
            new[] { ViewCollections.ByStatusThenLeadId, ViewCollections.ByStatusThenFollowup, ViewCollections.ViewsByPosition }.Select(i => i.Options.Name));
    }

    [Fact]
    public void A_rewind_replaces_a_lead_whatever_its_stored_position()
    {
        var write = Lead1410Write();

        var replace = ViewRequests.LeadReplace(write.StreamId, write.Document);

        Bson.Equal("""{ "_id" : NumberLong(1410) }""", Bson.Render(replace.Filter));
        Assert.Equal((1410L, true), (replace.Replacement["_id"].AsInt64, replace.IsUpsert));
    }
}
