using Leads.Domain;
using Leads.Domain.Events;
using Leads.Projections;
using Leads.Testing;

namespace IntegrationEvents.Tests.Reminders;

/// <summary>
/// The reminder process with a clock the test moves, on the embedded store: each follow-up gives one LeadFollowupDue
/// when its date arrives and one LeadFollowupOverdue two days later, never again (more sweeps, a restart, a reset), and
/// nothing for a follow-up changed or cleared before its date.
/// </summary>
public sealed class ReminderProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_follow_up_dated_today_is_due_once_and_overdue_once_two_days_later()
    {
        await using var scenario = await ReminderScenario.StartAsync(Ct);
        var at = await scenario.FollowupAsync(1901, ReminderScenario.Day(0), Ct);

        Assert.Equal(1, await scenario.SweepAfterAsync(at, Ct));
        Assert.Equal(0, await scenario.SweepAfterAsync(at, Ct));
        scenario.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromHours(9) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await scenario.SweepAfterAsync(at, Ct));
        scenario.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await scenario.SweepAfterAsync(at, Ct));
        Assert.Equal(0, await scenario.SweepAfterAsync(at, Ct));

        Assert.Equal([("LeadFollowupDue", 1901L), ("LeadFollowupOverdue", 1901L)], scenario.Sender.Reminders);
    }

    [Fact]
    public async Task A_follow_up_dated_in_the_past_beyond_the_overdue_days_is_due_then_overdue_once_each()
    {
        await using var scenario = await ReminderScenario.StartAsync(Ct);
        var recent = await scenario.FollowupAsync(1902, ReminderScenario.Day(-1), Ct);
        var old = await scenario.FollowupAsync(1903, ReminderScenario.Day(-30), Ct);

        Assert.Equal(3, await scenario.SweepAfterAsync(old, Ct));
        Assert.Equal(0, await scenario.SweepAfterAsync(recent, Ct));

        Assert.Equal([("LeadFollowupDue", 1903L), ("LeadFollowupOverdue", 1903L), ("LeadFollowupDue", 1902L)], scenario.Sender.Reminders);
    }

    [Fact]
    public async Task A_future_follow_up_waits_for_its_date()
    {
        await using var scenario = await ReminderScenario.StartAsync(Ct);
        var at = await scenario.FollowupAsync(1904, ReminderScenario.Day(1), Ct);

        Assert.Equal(0, await scenario.SweepAfterAsync(at, Ct));
        scenario.Clock.Advance(TimeSpan.FromHours(15));

        Assert.Equal(1, await scenario.SweepAfterAsync(at, Ct));
        Assert.Equal([("LeadFollowupDue", 1904L)], scenario.Sender.Reminders);
    }

    [Fact]
    public async Task A_changed_follow_up_cancels_the_pending_reminder_and_a_cleared_one_sends_nothing()
    {
        await using var scenario = await ReminderScenario.StartAsync(Ct);
        await scenario.FollowupAsync(1905, ReminderScenario.Day(1), Ct);
        var moved = await scenario.Events.AppendAsync(new FollowupSet(1905, ReminderScenario.Day(5)), Ct);
        await scenario.FollowupAsync(1906, ReminderScenario.Day(1), Ct);
        var cleared = await scenario.Events.AppendAsync(new StatusChanged(1906, LeadStatus.Available), Ct);
        scenario.Clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(0, await scenario.SweepAfterAsync(cleared, Ct));
        scenario.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await scenario.SweepAfterAsync(moved, Ct));

        var due = Assert.Single(scenario.Sender.Sent, m => m.Kind == "LeadFollowupDue");
        Assert.Equal((1905L, ReminderScenario.Day(5)), (due.LeadId, ((Leads.IntegrationEvents.V1.LeadFollowupDue)due.Message).FollowupOn));
    }

    [Fact]
    public async Task A_deadline_that_passed_while_the_publisher_was_down_fires_once_on_start_and_a_restart_repeats_nothing()
    {
        await using var scenario = await ReminderScenario.StartAsync(Ct);
        var at = await scenario.FollowupAsync(1907, ReminderScenario.Day(1), Ct);
        Assert.Equal(0, await scenario.SweepAfterAsync(at, Ct));
        await scenario.StopPublisherAsync();

        scenario.Clock.Advance(TimeSpan.FromDays(1));
        await scenario.StartPublisherAsync(Ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Sender.Reminders.Count == 1), TimeSpan.FromSeconds(30),
            "the due reminder sent by the sweep at start; logs:\n" + string.Join('\n', scenario.Publisher.Logs.Lines.Select(l => l.Message)), Ct);
        await scenario.StopPublisherAsync();
        await scenario.StartPublisherAsync(Ct);

        Assert.Equal(0, await scenario.SweepAfterAsync(at, Ct));
        Assert.Equal([("LeadFollowupDue", 1907L)], scenario.Sender.Reminders);
    }

    [Fact]
    public async Task A_publish_that_fails_is_retried_by_the_next_sweep_with_the_same_message_id()
    {
        await using var scenario = await ReminderScenario.StartAsync(Ct);
        var at = await scenario.FollowupAsync(1908, ReminderScenario.Day(0), Ct);
        scenario.Sender.Failing = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => scenario.SweepAfterAsync(at, Ct));

        scenario.Sender.Failing = false;
        Assert.Equal(1, await scenario.SweepAfterAsync(at, Ct));

        var due = Assert.Single(scenario.Sender.Sent, m => m.Kind == "LeadFollowupDue");
        Assert.Equal(Leads.IntegrationPublisher.Translation.MessageIds.For(due.Message.SourceEventId, "LeadFollowupDue/lead-1908"), due.MessageId);
    }

    [Fact]
    public async Task A_reset_of_the_reminder_projection_sends_no_reminder_again()
    {
        await using var scenario = await ReminderScenario.StartAsync(Ct);
        var at = await scenario.FollowupAsync(1909, ReminderScenario.Day(-5), Ct);
        Assert.Equal(2, await scenario.SweepAfterAsync(at, Ct));

        await scenario.Publisher.Reminders.ResetAsync(ResetFrom.Start, Ct);

        Assert.Equal(0, await scenario.SweepAfterAsync(at, Ct));
        Assert.Equal(2, scenario.Sender.Reminders.Count);
    }
}
