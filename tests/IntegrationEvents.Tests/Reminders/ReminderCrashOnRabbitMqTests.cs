using IntegrationEvents.Tests.Broker;
using IntegrationEvents.Tests.Support;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.Testing;

namespace IntegrationEvents.Tests.Reminders;

/// <summary>
/// The reminder process as its deployable runs, on a real RabbitMQ node: the publisher process is SIGKILLed after the
/// deadlines came (its publishes failing, the broker stopped) and before any reminder went out; started again on
/// the broker, it sends each reminder exactly once, and a second SIGKILL and restart repeat none. The commissions
/// example turns them into its to-do list.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class ReminderCrashOnRabbitMqTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Follow_ups_dated_today_and_in_the_past_give_one_due_each_and_one_overdue_when_older_than_the_setting_across_sigkills()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "reminders", ct, reminders: true);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        // The publisher runs, then the broker goes away; the deadlines come (follow-ups written now, dated today and
        // earlier), the sweep fails to publish them, and the publisher is SIGKILLed before any reminder went out.
        var down = await StartPublisherAsync(scenario, ct);
        await broker.StopBrokerAsync(ct);
        try
        {
            await FollowupAsync(scenario, 19101, today, ct);
            await FollowupAsync(scenario, 19102, today.AddDays(-1), ct);
            await FollowupAsync(scenario, 19103, today.AddDays(-5), ct);
            await FollowupAsync(scenario, 19104, today.AddDays(3), ct);
            Assert.True(await down.PrintsAsync("Reminder sweep failed", Deadline, ct), "the sweep tried and failed to publish:\n" + Ours(down));
            await down.KillAsync();
        }
        finally
        {
            await down.DisposeAsync();
            await broker.StartBrokerAsync(ct);
        }

        Assert.Empty(Reminders(scenario));

        await using (var up = await StartPublisherAsync(scenario, ct))
        {
            await Eventually.IsTrueAsync(() => Task.FromResult(Reminders(scenario).Count >= 4), Deadline, "four reminders", ct);
            await up.KillAsync();
        }

        // Restarted after a second SIGKILL, a later follow-up is reminded of: the sweep that sends it would have sent any
        // earlier reminder again had it not been recorded.
        await using var again = await StartPublisherAsync(scenario, ct);
        await FollowupAsync(scenario, 19105, today, ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(Reminders(scenario).Any(r => r.LeadId == 19105)), Deadline, "the later follow-up's reminder", ct);

        Assert.Equal(
            [("LeadFollowupDue", 19101L), ("LeadFollowupDue", 19102L), ("LeadFollowupDue", 19103L), ("LeadFollowupDue", 19105L), ("LeadFollowupOverdue", 19103L)],
            Reminders(scenario).Select(m => (m.Type, m.LeadId)).Order());
        await Eventually.IsTrueAsync(
            async () => (await scenario.Commissions.FollowupTodosAsync(ct)).Count == 4, Deadline, "the commissions to-do list holds the four due follow-ups", ct);
        var todos = await scenario.Commissions.FollowupTodosAsync(ct);
        Assert.Equal([(19103L, true), (19102L, false), (19101L, false), (19105L, false)], todos.Select(t => (t.LeadId, t.Overdue)));
    }

    private static string Ours(ServiceProcess publisher) =>
        string.Join('\n', publisher.Output.Split('\n').Where(l => !l.Contains("MassTransit", StringComparison.Ordinal)).Select(l => l.Length > 300 ? l[..300] : l));

    private static IReadOnlyList<ObservedMessage> Reminders(PublishingScenario scenario) =>
        [.. scenario.Observer.Seen.Where(m => m.Type is "LeadFollowupDue" or "LeadFollowupOverdue")];

    private static async Task FollowupAsync(PublishingScenario scenario, long leadId, DateOnly date, CancellationToken ct)
    {
        await scenario.Events.AppendAsync(new LeadWasInitialized(leadId), ct);
        await scenario.Events.AppendAsync(new StatusChanged(leadId, LeadStatus.FollowUp), ct);
        await scenario.Events.AppendAsync(new FollowupSet(leadId, date), ct);
    }

    private static Task<ServiceProcess> StartPublisherAsync(PublishingScenario scenario, CancellationToken ct) =>
        ServiceProcess.StartAsync("Leads.IntegrationPublisher", new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = scenario.DataDirectory,
            ["ConnectionStrings:rabbitmq"] = scenario.RabbitMq,
            ["IntegrationPublisher:PublishTimeout"] = "00:00:02",
            ["Reminders:SweepInterval"] = "00:00:00.250",
            ["Reminders:OverdueAfterDays"] = "2",
        }, cancellationToken: ct);
}
