using IntegrationEvents.Tests.Publishing;
using IntegrationEvents.Tests.Support;
using Leads.EventStore.Hosting;
using Leads.IntegrationPublisher;
using Leads.Messaging;
using Leads.Projections.Sqlite;
using Leads.ReadStores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
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
        var location = PublisherLocation(("ConnectionStrings:eventstore", "esdb://localhost:2113?tls=false"));

        Assert.Equal((EventStoreKind.EventStoreDb, "esdb://localhost:2113?tls=false"), (location.Kind, location.ConnectionString));
    }

    [Fact]
    public void Unset_event_store_is_events_db_in_the_data_directory()
    {
        using var services = PublisherServices("/srv", ("Leads:DataDirectory", "state"));
        var location = services.GetRequiredService<EventStoreLocation>();

        Assert.Equal(
            ("/srv/state/events.db", "/srv/state/integration-publisher.db"),
            (location.Where, PublisherLedger.FileIn(location.DataDirectory)));
    }

    [Fact]
    public async Task The_publisher_registers_the_shared_event_store_start_up_check_and_health_check()
    {
        var configuration = Config(("ConnectionStrings:eventstore", "esdb://localhost:2113?tls=false"));
        var registrations = new ServiceCollection().AddLogging();
        registrations.AddIntegrationPublisher(configuration, "/srv");
        await using var services = registrations.BuildServiceProvider();

        Assert.Contains(registrations, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(EventStoreStartupCheck));
        Assert.Contains(
            services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
            r => r.Name == EventStoreHealthCheck.Name);
    }

    private static EventStoreLocation PublisherLocation(params (string Key, string Value)[] settings)
    {
        using var services = PublisherServices("/srv", settings);
        return services.GetRequiredService<EventStoreLocation>();
    }

    /// <summary>The publisher's services as its deployable registers them, from these settings (nothing is started).</summary>
    private static ServiceProvider PublisherServices(string currentDirectory, params (string Key, string Value)[] settings)
    {
        var configuration = Config(settings);
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(configuration);
        services.AddIntegrationPublisher(configuration, currentDirectory);
        return services.BuildServiceProvider();
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
