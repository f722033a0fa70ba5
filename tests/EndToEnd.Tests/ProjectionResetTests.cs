using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>Ops reset a projection through ProjectionAdmin; the projector (another process) rebuilds exactly the same data.</summary>
public abstract class ProjectionResetTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private static readonly string[] Searches = ["0327", "050-81", "stefan", "reset", "reset4003@example.com", "0202", "muller"];

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(LeadPlatform.ViewsProjection)]
    [InlineData(LeadPlatform.SearchProjection)]
    public async Task Resetting_from_the_start_rebuilds_identical_views_status_logs_and_search_results(string projection)
    {
        var before = await WriteLeadsAndSnapshotAsync();

        var reset = await platform.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = projection, FromStart = true }, cancellationToken: Cancel);
        await WaitUntilRebuiltAsync(projection, reset);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Resetting_the_views_from_a_position_or_a_time_rebuilds_that_range_without_duplicates()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);
        var before = await WriteLeadsAndSnapshotAsync();
        var history = await platform.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 100 }, cancellationToken: Cancel);
        var contactChangedAt = history.Events.Single(e => e.Revision == story.NewContact.Revision).RecordedAt;

        var fromPosition = await platform.Admin.ResetProjectionAsync(
            new ResetProjectionRequest { Name = LeadPlatform.ViewsProjection, FromPosition = story.FollowUp.Position }, cancellationToken: Cancel);
        await WaitUntilRebuiltAsync(LeadPlatform.ViewsProjection, fromPosition);
        var afterPosition = await SnapshotAsync();
        var fromTime = await platform.Admin.ResetProjectionAsync(
            new ResetProjectionRequest { Name = LeadPlatform.ViewsProjection, FromTime = contactChangedAt }, cancellationToken: Cancel);
        await WaitUntilRebuiltAsync(LeadPlatform.ViewsProjection, fromTime);

        Assert.Equal(before, afterPosition);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_paused_projection_stops_following_and_catches_up_when_resumed()
    {
        var paused = await platform.Admin.PauseProjectionAsync(new PauseProjectionRequest { Name = LeadPlatform.ViewsProjection }, cancellationToken: Cancel);
        Assert.True(paused.Acknowledged && paused.Succeeded, paused.Result);
        var reply = await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = 4101, Name = "Paused", Email = "paused@example.com", Phone = "0303 1234", CommandId = "e2e-pause-4101",
        }, cancellationToken: Cancel);

        var state = await platform.ProjectionAsync(LeadPlatform.ViewsProjection, Cancel);
        var resumed = await platform.Admin.ResumeProjectionAsync(new ResumeProjectionRequest { Name = LeadPlatform.ViewsProjection }, cancellationToken: Cancel);
        var view = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = 4101, MinPosition = reply.Position }, cancellationToken: Cancel);

        Assert.Equal(ProjectionState.Paused, state.State);
        Assert.True(!state.HasCheckpoint || state.Checkpoint < reply.Position, $"checkpoint {state.Checkpoint} moved while paused");
        Assert.True(resumed.Acknowledged && resumed.Succeeded, resumed.Result);
        Assert.Equal("Paused", view.Name);
    }

    private async Task<List<string>> WriteLeadsAndSnapshotAsync()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);
        LeadCommandReply last = null!;
        for (var id = 4001L; id <= 4008; id++)
        {
            var command = $"e2e-reset-{id}";
            last = await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = id, Name = $"Reset Lead {id}", Email = $"reset{id}@example.com", Phone = $"0202 {id}", CommandId = command,
            }, cancellationToken: Cancel);
            last = await platform.Commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = LeadStatus.FollowUp, CommandId = command + "-s" }, cancellationToken: Cancel);
            last = await platform.Commands.ChangeContactInfoAsync(new ChangeContactInfoRequest
            {
                LeadId = id, Email = $"reset{id}@new.example.com", Phone = $"0404 {id}", CommandId = command + "-c",
            }, cancellationToken: Cancel);
        }

        await platform.WaitForProjectionsAsync(last.Position, Cancel);
        return await SnapshotAsync();
    }

    private Task<List<string>> SnapshotAsync() => ReadModelSnapshot.TakeAsync(platform, Searches, Cancel);

    private Task WaitUntilRebuiltAsync(string projection, ProjectionRequestReply reset) =>
        platform.WaitUntilRebuiltAsync(projection, reset, Cancel);

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : ProjectionResetTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : ProjectionResetTests(platform);
}
