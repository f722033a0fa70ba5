using IntegrationEvents.Tests.Broker;
using IntegrationEvents.Tests.Publishing;
using IntegrationEvents.Tests.Support;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.ReadStores;
using Leads.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationEvents.Tests.Checkpoints;

/// <summary>
/// A publisher upgraded over a data directory written by the version with its own checkpoint tables resumes from the
/// checkpoint stored there, with the events parked there: it neither republishes nor skips.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class PublisherUpgradeTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_upgraded_publisher_resumes_from_the_earlier_checkpoint_with_the_earlier_parked_events()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "upgrade", ct);
        var published = await Lead1410Story.WriteAsync(scenario.Events, LeadEventWriter.Metadata(Guid.NewGuid()), ct);
        var parked = new ParkedEvent(
            "lead-77", 0, new GlobalPosition(1, 1), Guid.NewGuid(), "LeadWasInitialized.v1", DateTimeOffset.UnixEpoch, false, "boom", 3, DateTimeOffset.UnixEpoch);
        EarlierPublisherFile.Write(PublisherLedger.FileIn(scenario.DataDirectory), PublisherLedger.ProjectionName, published, parked);

        var publisher = await scenario.StartPublisherAsync(ct);
        var renamed = await scenario.Events.AppendAsync(new NameChanged(Lead1410Story.LeadId, "Stefan M."), ct);
        await publisher.Projector.WaitForPositionAsync(renamed, ct).WaitAsync(Deadline, ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= 1), Deadline, "the rename observed", ct);

        // One lead's messages go out one after another, and the observer sees them in order: a republished story
        // would have arrived before the rename.
        var seen = Assert.Single(scenario.Observer.Seen);
        Assert.Equal(("LeadRenamed", renamed.Commit), (seen.Type, seen.SourcePosition));
        var stillParked = Assert.Single(await publisher.Services.GetRequiredService<SqliteLedgerFile>().ListParkedAsync(null, ct));
        Assert.Equal((parked.StreamId, parked.EventId, parked.Position), (stillParked.StreamId, stillParked.EventId, stillParked.Position));
    }
}
