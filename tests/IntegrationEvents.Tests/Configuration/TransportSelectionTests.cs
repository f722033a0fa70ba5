using IntegrationEvents.Tests.Publishing;
using IntegrationEvents.Tests.Support;
using Leads.IntegrationPublisher.Storage;
using Leads.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IntegrationEvents.Tests.Configuration;

/// <summary>Configuration alone chooses the transport and the event store.</summary>
public sealed class TransportSelectionTests
{
    [Fact]
    public async Task Without_a_broker_the_publisher_uses_the_in_memory_transport_and_says_so_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("leads-in-memory-");
        try
        {
            await using var writer = new LeadEventWriter(directory.FullName);
            var last = await Lead1410Story.WriteAsync(writer, LeadEventWriter.Metadata(Guid.NewGuid()), ct);

            await using var publisher = await PublisherHost.StartAsync(directory.FullName, rabbitMq: null, ct);
            await publisher.Projector.WaitForPositionAsync(last, ct).WaitAsync(TimeSpan.FromSeconds(30), ct);

            Assert.Single(publisher.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("No message broker configured", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Rabbitmq_connection_string_is_taken_apart_with_credentials_port_and_virtual_host()
    {
        var address = RabbitMqAddress.Parse("amqp://leads:s%40cret@broker.internal:5673/sales%2Fleads");

        Assert.Equal(new RabbitMqAddress("broker.internal", 5673, "sales/leads", "leads", "s@cret", false), address);
    }

    [Fact]
    public void Rabbitmq_connection_string_without_path_uses_the_default_virtual_host()
    {
        Assert.Equal("/", RabbitMqAddress.Parse("amqp://guest:guest@localhost").VirtualHost);
    }

    [Fact]
    public void Esdb_connection_string_selects_EventStoreDB()
    {
        var location = PublisherDataLocation.FromConfiguration(Config(("ConnectionStrings:eventstore", "esdb://localhost:2113?tls=false")), "/srv");

        Assert.Equal((null, "esdb://localhost:2113?tls=false"), (location.EventStoreFile, location.EventStoreDbConnectionString));
    }

    [Fact]
    public void Unset_event_store_is_events_db_in_the_data_directory()
    {
        var location = PublisherDataLocation.FromConfiguration(Config(("Leads:DataDirectory", "state")), "/srv");

        Assert.Equal(("/srv/state/events.db", "/srv/state/integration-publisher.db"), (location.EventStoreFile, location.CheckpointFile));
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
