using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>The talk's lead 1410 over gRPC: search by an old phone, the status log, the audit log and time travel.</summary>
public abstract class LeadStoryTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Searching_the_old_phone_finds_the_lead_whose_phone_is_now_the_new_one_marked_historical()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);

        var found = await platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = LeadStory.OldPhone, PageSize = 10 }, cancellationToken: Cancel);

        var hit = Assert.Single(found.Hits, h => h.LeadId == LeadStory.LeadId);
        Assert.Equal((MatchedField.Phone, LeadStory.OldPhone, true), (hit.MatchedField, hit.MatchedValue, hit.Historical));
        Assert.Equal(LeadStatus.Converted, hit.Status);
        var lead = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = hit.LeadId }, cancellationToken: Cancel);
        Assert.Equal(LeadStory.NewPhone, lead.Phone);
    }

    [Theory]
    [InlineData("0327", MatchedField.Phone, true)]
    [InlineData("STEFAN@old.example", MatchedField.Email, true)]
    [InlineData("050 813 9904", MatchedField.Phone, false)]
    [InlineData("stefan@new.example", MatchedField.Email, false)]
    [InlineData("muller", MatchedField.Name, false)]
    public async Task Search_matches_every_value_the_lead_ever_had_and_says_which(string query, MatchedField field, bool historical)
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);

        var found = await platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = query, PageSize = 10 }, cancellationToken: Cancel);

        var hit = Assert.Single(found.Hits, h => h.LeadId == LeadStory.LeadId);
        Assert.Equal((field, historical), (hit.MatchedField, hit.Historical));
    }

    [Fact]
    public async Task The_status_log_lists_available_follow_up_converted_with_the_events_recorded_times()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);

        var log = await platform.Queries.GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = LeadStory.LeadId }, cancellationToken: Cancel);
        var history = await ReadHistoryAsync();

        var statusEvents = history.Where(e => e.Type.StartsWith("StatusChanged", StringComparison.Ordinal)).ToList();
        Assert.Equal([LeadStatus.Available, LeadStatus.FollowUp, LeadStatus.Converted], log.Entries.Select(e => e.Status));
        Assert.Equal(statusEvents.Select(e => e.RecordedAt), log.Entries.Select(e => e.ChangedAt));
        Assert.Equal(statusEvents.Select(e => e.Position), log.Entries.Select(e => e.Position));
    }

    [Fact]
    public async Task The_audit_log_pages_through_every_event_in_order_with_its_metadata_and_data()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);

        var history = await ReadHistoryAsync(pageSize: 3);

        Assert.Equal(Enumerable.Range(0, (int)story.Converted.Revision + 1).Select(r => (ulong)r), history.Select(e => e.Revision));
        Assert.Equal(
            ["LeadWasInitialized.v1", "NameChanged.v1", "ContactInfoChanged.v1", "StatusChanged.v1", "StatusChanged.v1", "FollowupSet.v1", "ContactInfoChanged.v1", "StatusChanged.v1"],
            history.Select(e => e.Type));
        Assert.Equal(story.Converted.Position, history[^1].Position);
        Assert.Contains(LeadStory.OldPhone, history[2].DataJson, StringComparison.Ordinal);
        Assert.Equal("e2e-1410-contact", history[6].Metadata.CommandId);
    }

    [Fact]
    public async Task The_audit_log_newest_first_pages_back_through_every_event_to_the_first()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);

        var history = await ReadHistoryAsync(pageSize: 3, newestFirst: true);

        Assert.Equal(Enumerable.Range(0, (int)story.Converted.Revision + 1).Reverse().Select(r => (ulong)r), history.Select(e => e.Revision));
        Assert.Equal(story.Converted.Position, history[0].Position);
        Assert.Equal("LeadWasInitialized.v1", history[^1].Type);
    }

    [Fact]
    public async Task As_of_a_moment_before_the_follow_up_the_lead_was_available_with_its_old_contact()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);
        var history = await ReadHistoryAsync();
        var followUpAt = history.Single(e => e.Revision == story.FollowUp.Revision).RecordedAt.ToDateTimeOffset();

        var before = await platform.Queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, At = Timestamp.FromDateTimeOffset(followUpAt.AddTicks(-1)) }, cancellationToken: Cancel);
        var after = await platform.Queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, At = Timestamp.FromDateTimeOffset(followUpAt) }, cancellationToken: Cancel);

        Assert.Equal((LeadStatus.Available, LeadStory.OldPhone, LeadStory.OldEmail, ""), (before.Status, before.Phone, before.Email, before.FollowupOn));
        Assert.Equal((LeadStatus.FollowUp, story.FollowUp.Revision), (after.Status, after.Revision));
    }

    [Fact]
    public async Task As_of_a_revision_folds_the_events_up_to_it()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);

        var atDate = await platform.Queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, Revision = story.FollowupDate.Revision }, cancellationToken: Cancel);
        var beforeFollowUp = await platform.Queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, Revision = story.FollowUp.Revision - 1 }, cancellationToken: Cancel);

        Assert.Equal((LeadStatus.FollowUp, "2016-11-23", LeadStory.OldPhone), (atDate.Status, atDate.FollowupOn, atDate.Phone));
        Assert.Equal(story.Converted.Revision, atDate.CurrentRevision);
        Assert.Equal(LeadStatus.Available, beforeFollowUp.Status);
    }

    [Fact]
    public async Task As_of_before_the_lead_existed_is_not_found_and_past_its_last_revision_out_of_range()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);
        var created = (await ReadHistoryAsync())[0].RecordedAt.ToDateTimeOffset();

        var before = await LeadPlatform.FailsAsync(() => platform.Queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, At = Timestamp.FromDateTimeOffset(created.AddTicks(-1)) }, cancellationToken: Cancel).ResponseAsync);
        var beyond = await LeadPlatform.FailsAsync(() => platform.Queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, Revision = story.Converted.Revision + 1 }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, StatusCode.OutOfRange), (before.StatusCode, beyond.StatusCode));
    }

    private async Task<List<LeadEvent>> ReadHistoryAsync(int pageSize = 500, bool newestFirst = false)
    {
        var events = new List<LeadEvent>();
        var token = "";
        do
        {
            var page = await platform.Queries.GetLeadHistoryAsync(
                new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = pageSize, PageToken = token, NewestFirst = newestFirst }, cancellationToken: Cancel);
            events.AddRange(page.Events);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return events;
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : LeadStoryTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : LeadStoryTests(platform);
}
