using System.Globalization;
using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;
using Leads.Testing.Analytics;
using Domain = Leads.Domain;

namespace EndToEnd.Tests;

/// <summary>
/// The acceptance check of #18 through the deployables: a system with leads already written (transitions, reopenings,
/// follow-ups rescheduled, passed and pending, renames, a forgotten lead) has lead-analytics reset through
/// ProjectionAdmin; once it has replayed to the head, every LeadAnalytics answer equals the naive fold of the raw
/// events read back from the event store (<see cref="NaiveAnalytics"/>, the property test's reference). Ops see
/// lead-analytics listed with its state and can pause, resume and reset it like every projection.
/// </summary>
public abstract class AnalyticsAcceptanceTests(LeadPlatform platform)
{
    private const string Analytics = "lead-analytics";
    private readonly LeadPlatform platform = platform.Running();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Reset_through_ProjectionAdmin_it_replays_to_the_head_and_answers_as_a_fold_of_the_events()
    {
        var last = await WriteHistoryAsync(18_200);
        await platform.WaitForProjectionAsync(Analytics, last, Cancel);

        var reset = await platform.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = Analytics, FromStart = true }, cancellationToken: Cancel);
        await platform.WaitUntilRebuiltAsync(Analytics, reset, Cancel);

        var today = Today;
        var commands = HistoryCommand.FromRecorded(await platform.Store.ReadAllAsync(Cancel));
        var naive = new NaiveAnalytics(commands, today);
        var first = commands.Min(c => DateOnly.FromDateTime(c.At.UtcDateTime));
        var from = first < today.AddDays(-400) ? today.AddDays(-400) : first.AddDays(-1);
        Assert.Contains(commands, c => c.Events.OfType<Domain.Events.LeadForgotten>().Any());
        await AssertAnswersEqualAsync(naive, from, today.AddDays(7));
    }

    [Fact]
    public async Task Ops_see_lead_analytics_listed_and_pause_resume_and_reset_it()
    {
        var before = await WriteHistoryAsync(18_300);
        await platform.WaitForProjectionAsync(Analytics, before, Cancel);
        // The listing may be read between a batch's checkpoint and the state it leads to (the end of an earlier test's
        // rebuild): what ops must see, within the deadline, is it running or caught up, not stuck rebuilding.
        ProjectionInfo listed = null!;
        await Eventually.IsTrueAsync(
            async () => (listed = await platform.ProjectionAsync(Analytics, Cancel)).State is ProjectionState.Running or ProjectionState.CaughtUp,
            TimeSpan.FromSeconds(30), "lead-analytics listed as running or caught up", Cancel);
        Assert.True(listed.HasHead && listed.Head >= before, $"lead-analytics listed without its head: {listed}");

        var paused = await platform.Admin.PauseProjectionAsync(new PauseProjectionRequest { Name = Analytics }, cancellationToken: Cancel);
        Assert.True(paused.Acknowledged && paused.Succeeded, paused.Result);
        // The fourth lead is pending in Follow-up: closing it is a command like any other.
        var written = await platform.Commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = 18_304, Status = LeadStatus.Closed }, cancellationToken: Cancel);
        var whilePaused = await platform.ProjectionAsync(Analytics, Cancel);
        var resumed = await platform.Admin.ResumeProjectionAsync(new ResumeProjectionRequest { Name = Analytics }, cancellationToken: Cancel);
        var caughtUp = await platform.WaitForProjectionAsync(Analytics, written.Position, Cancel);

        Assert.Equal(ProjectionState.Paused, whilePaused.State);
        Assert.True(whilePaused.Checkpoint < written.Position, $"the checkpoint moved while paused: {whilePaused}");
        Assert.True(resumed.Acknowledged && resumed.Succeeded, resumed.Result);
        Assert.NotEqual(ProjectionState.Paused, caughtUp.State);

        var reset = await platform.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = Analytics, FromPosition = before }, cancellationToken: Cancel);
        await platform.WaitUntilRebuiltAsync(Analytics, reset, Cancel);
        await Eventually.IsTrueAsync(
            async () => (await platform.ProjectionAsync(Analytics, Cancel)) is { State: ProjectionState.CaughtUp, LagEvents: 0 },
            TimeSpan.FromSeconds(60), "lead-analytics caught up with no lag after its reset", Cancel);
    }

    private async Task AssertAnswersEqualAsync(NaiveAnalytics naive, DateOnly from, DateOnly to)
    {
        using var reader = platform.QueryService.ChannelAs(LeadsRoles.Read);
        var analytics = new LeadAnalytics.LeadAnalyticsClient(reader);
        var (f, t) = (Text(from), Text(to));

        var pipeline = await analytics.GetPipelineAsync(new GetPipelineRequest { From = f, To = t, Bucket = "day" }, cancellationToken: Cancel);
        Assert.Equal(to.DayNumber - from.DayNumber + 1, pipeline.Points.Count);
        var asOf = await analytics.GetPipelineAsync(new GetPipelineRequest { AsOf = Text(Today) }, cancellationToken: Cancel);
        foreach (var point in pipeline.Points.Append(asOf.Points.Single()))
        {
            var expected = naive.Pipeline(Day(point.To));
            Assert.Equal(
                (point.To, expected[Domain.LeadStatus.Available], expected[Domain.LeadStatus.FollowUp], expected[Domain.LeadStatus.Closed], expected[Domain.LeadStatus.Converted]),
                (point.To, point.Leads.Available, point.Leads.FollowUp, point.Leads.Closed, point.Leads.Converted));
        }

        foreach (var bucket in new[] { "week", "month" })
        {
            var funnel = await analytics.GetFunnelAsync(new GetFunnelRequest { From = f, To = t, Bucket = bucket }, cancellationToken: Cancel);
            foreach (var cohort in funnel.Cohorts)
            {
                var expected = naive.Cohort(Day(cohort.From), Day(cohort.To));
                Assert.Equal(expected, (cohort.Created, cohort.ReachedFollowUp, cohort.Converted, cohort.Closed, cohort.Reopened, cohort.Reopenings));
            }

            Assert.Equal(naive.Cohort(from, to).Created, funnel.Cohorts.Sum(c => c.Created));
        }

        var times = await analytics.GetTimeInStatusAsync(new GetTimeInStatusRequest { From = f, To = t }, cancellationToken: Cancel);
        var (byStatus, conversions) = naive.Durations(from, to);
        foreach (var status in times.Statuses)
        {
            AssertSummary(NaiveAnalytics.Summary(byStatus[(Domain.LeadStatus)(int)status.Status]), status.Duration, status.Status.ToString());
        }

        Assert.Equal(4, times.Statuses.Count);
        AssertSummary(NaiveAnalytics.Summary(conversions), times.CreationToConversion, "creation to conversion");

        var followups = await analytics.GetFollowupDisciplineAsync(new GetFollowupDisciplineRequest { From = f, To = t }, cancellationToken: Cancel);
        Assert.Equal(naive.Followups(from, to), new Leads.Analytics.FollowupDiscipline(followups.Scheduled, followups.ResolvedOnTime, followups.Rescheduled, followups.Overdue, followups.Open));

        var activity = await analytics.GetActivityAsync(new GetActivityRequest { From = f, To = t }, cancellationToken: Cancel);
        Assert.Equal(
            naive.Activity(from, to).Select(a => $"{Text(a.Day)} {a.Caller} {a.Commands}"),
            activity.Rows.Select(r => $"{r.Day} {r.Caller} {r.Commands}"));
    }

    /// <summary>Counts exactly; seconds to the millisecond (the stores keep times to the microsecond or better).</summary>
    private static void AssertSummary(Leads.Analytics.DurationSummary expected, DurationSummary actual, string what)
    {
        Assert.True(
            expected.Count == actual.Count && Math.Abs(expected.MedianSeconds - actual.MedianSeconds) < 0.001 && Math.Abs(expected.P90Seconds - actual.P90Seconds) < 0.001,
            $"{what}: expected {expected}, got {actual}");
    }

    /// <summary>
    /// Five leads from <paramref name="first"/> + 1 on, by two callers: converted after a follow-up that passed, reopened
    /// twice after a rescheduled follow-up, renamed with a follow-up overdue and still open, one pending, and one closed
    /// then forgotten. The position of the last command.
    /// </summary>
    private async Task<ulong> WriteHistoryAsync(long first)
    {
        using var aliceChannel = platform.CommandService.ChannelWithToken(TestTokens.For([LeadsRoles.Write], subject: "acceptance-alice"));
        using var bobChannel = platform.CommandService.ChannelWithToken(TestTokens.For([LeadsRoles.Write], subject: "acceptance-bob"));
        using var opsChannel = platform.CommandService.ChannelWithToken(TestTokens.For([LeadsRoles.Admin], subject: "acceptance-ops"));
        var (alice, bob, ops) = (new LeadCommands.LeadCommandsClient(aliceChannel), new LeadCommands.LeadCommandsClient(bobChannel), new LeadCommands.LeadCommandsClient(opsChannel));
        var today = Today;
        var (a, b, c, d, e) = (first + 1, first + 2, first + 3, first + 4, first + 5);
        foreach (var id in new[] { a, b, c, d, e })
        {
            await alice.InitializeLeadAsync(new InitializeLeadRequest { LeadId = id, Name = $"Acceptance {id}", Email = $"acceptance{id}@example.com", Phone = $"0303 {id}" }, cancellationToken: Cancel);
        }

        async Task<ulong> Status(LeadCommands.LeadCommandsClient who, long id, LeadStatus status) =>
            (await who.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = status }, cancellationToken: Cancel)).Position;
        async Task<ulong> Followup(LeadCommands.LeadCommandsClient who, long id, int days) =>
            (await who.SetFollowupAsync(new SetFollowupRequest { LeadId = id, FollowupOn = Text(today.AddDays(days)) }, cancellationToken: Cancel)).Position;

        await Status(bob, a, LeadStatus.FollowUp);
        await Followup(bob, a, -1);
        await Status(alice, a, LeadStatus.Converted);

        await Status(bob, b, LeadStatus.FollowUp);
        await Followup(bob, b, 3);
        await Followup(alice, b, 5);
        await Status(bob, b, LeadStatus.Closed);
        await Status(bob, b, LeadStatus.Available);
        await Status(alice, b, LeadStatus.Closed);
        await Status(alice, b, LeadStatus.Available);

        await bob.ChangeNameAsync(new ChangeNameRequest { LeadId = c, Name = $"Renamed {c}" }, cancellationToken: Cancel);
        await Status(bob, c, LeadStatus.FollowUp);
        await Followup(alice, c, -2);

        await Status(alice, d, LeadStatus.FollowUp);
        await Followup(alice, d, 1);

        await Status(bob, e, LeadStatus.Closed);
        var forgotten = await ops.ForgetLeadAsync(new ForgetLeadRequest { LeadId = e, Reason = "acceptance: asked to be forgotten" }, cancellationToken: Cancel);
        return forgotten.Receipt.Position;
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : AnalyticsAcceptanceTests(platform);
}
