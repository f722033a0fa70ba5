using System.Diagnostics;
using IntegrationEvents.Tests.Broker;
using IntegrationEvents.Tests.Support;
using Leads.IntegrationPublisher.Translation;
using Leads.Testing;
using TranslationResult = Leads.IntegrationPublisher.Translation.Translation;

namespace IntegrationEvents.Tests.Publishing;

/// <summary>
/// The broker goes away for 10 seconds in the middle of 10,000 events: the publisher retries, nothing is lost, each
/// lead's messages arrive in order, and a message that arrives again carries the same MessageId.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class BrokerOutageTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Broker_stopped_for_10_seconds_mid_stream_loses_nothing_keeps_order_and_repeats_carry_the_same_ids()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper;
        await using var scenario = await PublishingScenario.StartAsync(broker, "outage", ct);
        var leads = new GeneratedLeads(firstLeadId: 100_000, leads: 1_000);
        await leads.WriteRoundsAsync(scenario.Events, 0, 7, ct);

        var publisher = await scenario.StartPublisherAsync(ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= 1_000), Deadline, "1,000 messages before the outage", ct);

        var brokerDown = true;
        try
        {
            await broker.StopBrokerAsync(ct);
            var outage = Stopwatch.StartNew();
            var (seenAtStop, checkpointAtStop) = (scenario.Observer.Count, publisher.Projector.Checkpoint);
            var last = await leads.WriteRoundsAsync(scenario.Events, 7, GeneratedLeads.EventsPerLead, ct);

            // The scenario itself: the broker stays down for 10 seconds while events keep coming.
            var rest = Outage - outage.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, ct);
            }

            var stoppedFor = outage.Elapsed;
            await broker.StartBrokerAsync(ct);
            brokerDown = false;
            var downFor = outage.Elapsed;
            var recovery = Stopwatch.StartNew();
            await publisher.Projector.WaitForPositionAsync(last, ct).WaitAsync(Deadline, ct);
            var publishedAll = recovery.Elapsed;
            await Eventually.IsTrueAsync(
                () => Task.FromResult(scenario.Observer.Seen.Select(m => m.MessageId).Distinct().Count() >= leads.Messages), Deadline, "every message observed", ct);
            await Eventually.IsTrueAsync(
                async () => await scenario.Commissions.TotalConversionsAsync(ct) >= leads.Conversions, Deadline, "every conversion counted", ct);

            var seen = scenario.Observer.Seen;
            var expected = IntegrationMessageTranslator.TranslateAll(await scenario.Events.ReadAllAsync(ct))
                .SelectMany(t => ((TranslationResult.Publish)t).Messages)
                .ToList();
            var repeats = seen.Count - seen.Select(m => m.MessageId).Distinct().Count();
            output?.WriteLine(
                $"broker stopped {stoppedFor.TotalSeconds:0.0} s (accepting again after {downFor.TotalSeconds:0.0} s); at the stop {seenAtStop} of {leads.Messages} " +
                $"messages were observed and the publisher's checkpoint was {checkpointAtStop} of 10000 events; " +
                $"publisher confirmed everything {publishedAll.TotalSeconds:0.0} s after the broker came back; " +
                $"{seen.Count} deliveries, {repeats} of them repeats; {await scenario.Commissions.TotalConversionsAsync(ct)} conversions counted, " +
                $"{scenario.Commissions.DuplicatesIgnored} repeats ignored by commissions; publisher log: " +
                string.Join(" | ", publisher.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Take(3).Select(l => l.Message)));

            // Nothing lost, nothing unknown.
            Assert.Equal(expected.Select(m => m.MessageId).Order(), seen.Select(m => m.MessageId).Distinct().Order());

            // A message that came again carries the same id: one id per logical message (source event and kind).
            Assert.All(seen.GroupBy(m => (m.SourceEventId, m.Type)), g => Assert.Single(g.Select(m => m.MessageId).Distinct()));

            // Order per lead: the first arrival of each message follows the lead's event order.
            var expectedPerLead = expected.GroupBy(m => m.LeadId).ToDictionary(g => g.Key, g => g.Select(m => m.MessageId).ToList());
            var firstArrivals = seen.DistinctBy(m => m.MessageId).GroupBy(m => m.LeadId);
            Assert.All(firstArrivals, g => Assert.Equal(expectedPerLead[g.Key], g.Select(m => m.MessageId)));

            // The idempotent consumer counted each conversion once.
            Assert.Equal(leads.Conversions, await scenario.Commissions.TotalConversionsAsync(ct));
        }
        finally
        {
            if (brokerDown)
            {
                await broker.StartBrokerAsync(CancellationToken.None);
            }
        }
    }
}
