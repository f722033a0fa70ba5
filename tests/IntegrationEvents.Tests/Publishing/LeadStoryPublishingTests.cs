using IntegrationEvents.Tests.Broker;
using IntegrationEvents.Tests.Support;
using Leads.EventStore;
using Leads.IntegrationPublisher.Translation;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.Testing;

namespace IntegrationEvents.Tests.Publishing;

/// <summary>The lead 1410 story through the publisher, a real RabbitMQ broker and the commissions consumer.</summary>
[Collection(BrokerCollection.Name)]
public sealed class LeadStoryPublishingTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Lead_1410_story_publishes_the_expected_messages_in_order_with_ids_from_the_events()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "story", ct);
        var correlation = Guid.NewGuid();
        var metadata = LeadEventWriter.Metadata(correlation);
        await Lead1410Story.WriteAsync(scenario.Events, metadata, ct);

        await scenario.StartPublisherAsync(ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= Lead1410Story.Messages), Deadline, "every message of the story observed", ct);

        var seen = scenario.Observer.Seen;
        var events = await scenario.Events.ReadAllAsync(ct);
        var expected = IntegrationMessageTranslator.TranslateAll(events).SelectMany(t => ((Leads.IntegrationPublisher.Translation.Translation.Publish)t).Messages).ToList();
        Assert.Equal(Lead1410Story.ExpectedTypes, seen.Select(m => m.Type));
        Assert.Equal(expected.Select(m => m.MessageId), seen.Select(m => m.MessageId));
        Assert.All(seen, m => Assert.Equal(
            (Lead1410Story.LeadId, correlation, correlation.ToString(), metadata.TraceParent),
            (m.LeadId, m.CorrelationId ?? Guid.Empty, m.CorrelationHeader, m.TraceParent)));
    }

    [Fact]
    public async Task Commissions_count_the_conversion_of_lead_1410_once_on_its_day()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "commissions", ct);
        await Lead1410Story.WriteAsync(scenario.Events, LeadEventWriter.Metadata(Guid.NewGuid()), ct);
        var convertedOn = DateOnly.FromDateTime((await scenario.Events.ReadAllAsync(ct))[^1].Created.UtcDateTime);

        await scenario.StartPublisherAsync(ct);
        await Eventually.IsTrueAsync(async () => await scenario.Commissions.ConversionsOnAsync(convertedOn, ct) > 0, Deadline, "a conversion counted", ct);

        Assert.Equal(1, await scenario.Commissions.ConversionsOnAsync(convertedOn, ct));
    }

    [Fact]
    public async Task Publisher_is_listed_in_the_control_plane_ops_read()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "listed", ct);
        var last = await Lead1410Story.WriteAsync(scenario.Events, LeadEventWriter.Metadata(Guid.NewGuid()), ct);
        await scenario.StartPublisherAsync(ct);
        var ops = new SqliteProjectionControl(Path.Combine(scenario.DataDirectory, "projections.db"));

        var row = await Eventually.ReturnsAsync(
            async () => (await ops.ListStatusAsync(ct)).FirstOrDefault(r => r.Name == "integration-publisher" && r.Checkpoint == last),
            Deadline, "the publisher's status row at the head", ct);

        Assert.Equal((ProjectorState.CaughtUp, 0UL), (row.State, row.LagEvents));
    }

    [Fact]
    public async Task Reset_through_the_control_plane_republishes_the_same_message_ids_and_the_consumer_does_not_count_twice()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "reset", ct);
        var last = await Lead1410Story.WriteAsync(scenario.Events, LeadEventWriter.Metadata(Guid.NewGuid()), ct);
        var publisher = await scenario.StartPublisherAsync(ct);
        var story = Lead1410Story.Messages;
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= story), Deadline, "the story's messages observed", ct);

        var ops = new SqliteProjectionControl(Path.Combine(scenario.DataDirectory, "projections.db"));
        await ops.RequestAsync("integration-publisher", new ControlAction.Reset(ResetFrom.Start), ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= 2 * story), Deadline, "as many again after the reset", ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Commissions.DuplicatesIgnored >= 1), Deadline, "the repeated LeadConverted seen by commissions", ct);

        var seen = scenario.Observer.Seen;
        Assert.Equal(seen.Take(story).Select(m => m.MessageId), seen.Skip(story).Select(m => m.MessageId));
        Assert.Equal(1, await scenario.Commissions.TotalConversionsAsync(ct));
        Assert.Equal(last, publisher.Projector.Checkpoint);
    }

    [Fact]
    public async Task Reset_from_a_position_republishes_from_that_event_on()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "reset-from", ct);
        await Lead1410Story.WriteAsync(scenario.Events, LeadEventWriter.Metadata(Guid.NewGuid()), ct);
        var publisher = await scenario.StartPublisherAsync(ct);
        var story = Lead1410Story.Messages;
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= story), Deadline, "the story's messages observed", ct);
        var followupEvent = (await scenario.Events.ReadAllAsync(ct))[5];

        await publisher.Projector.ResetAsync(ResetFrom.Position(followupEvent.Position), ct);
        // From the follow-up on: scheduled, contact, status, converted, cleared.
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= story + 5), Deadline, "5 messages after the reset", ct);

        var seen = scenario.Observer.Seen;
        Assert.Equal(seen.Skip(5).Take(5).Select(m => m.MessageId), seen.Skip(story).Select(m => m.MessageId));
    }
}
