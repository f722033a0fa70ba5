using Leads.EventStore;
using Leads.EventStore.Hosting;
using Leads.IntegrationPublisher.Publishing;
using Leads.IntegrationPublisher.Reminders;
using Leads.Messaging;
using Leads.Projections;
using Leads.Projections.Hosting;
using Leads.ReadStores;
using Leads.Privacy;
using Leads.Privacy.Stores;
using Leads.ServiceDefaults;

namespace Leads.IntegrationPublisher;

/// <summary>
/// Wires the integration publisher: the event store and data directory from configuration (the registration every
/// service uses, with its start-up check and health check), the message bus (in-memory unless
/// <c>ConnectionStrings:rabbitmq</c> is set), and the publisher projection run by the projection runtime with its
/// checkpoint and parked events in the shared ledger (<see cref="PublisherLedger"/>, <c>integration-publisher.db</c>).
/// </summary>
public static class IntegrationPublisherHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5106";
    public const string OptionsSection = "IntegrationPublisher";

    public static WebApplicationBuilder AddIntegrationPublisher(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ListenForGrpc(DefaultUrl);

        builder.Services.AddIntegrationPublisher(builder.Configuration, Directory.GetCurrentDirectory());
        return builder;
    }

    public static IServiceCollection AddIntegrationPublisher(this IServiceCollection services, IConfiguration configuration, string currentDirectory)
    {
        var events = services.AddLeadEventStore(configuration, currentDirectory: currentDirectory);
        var options = configuration.GetSection(OptionsSection).Get<PublisherOptions>() ?? new PublisherOptions();
        services.AddSingleton(options);
        services.AddLeadKeys(configuration, events.DataDirectory);
        services.AddPublisherLedger(events.DataDirectory);
        services.AddSingleton<PublisherMetrics>();
        services.AddSingleton<IIntegrationMessageSender, MassTransitMessageSender>();
        services.AddSingleton<PublishingStore>();
        services.AddSingleton(new ProjectorOptions
        {
            MaxBatchSize = 500,
            MaxBatchDelay = TimeSpan.Zero,
            StoreRetries = 8,
            MaxResubscribeDelay = TimeSpan.FromSeconds(5),
        });

        // Run by the projection runtime's host, like every projector: its status row and ops requests (pause, resume,
        // reset) go through the control plane ProjectionAdmin reads. The bus's hosted service is registered first, so
        // the bus is started before the projector publishes.
        services.AddLeadsMessageBus(configuration);
        // With Leads:ProjectorLease:Enabled only the replica holding the lease (registered with the control plane)
        // publishes, so two replicas never interleave one lead's messages; a standby takes over from the confirmed checkpoint.
        services.AddProjectionControl(configuration, events.DataDirectory);
        services.AddHostedService<PublisherStartupLog>();
        services.AddProjector(
            sp => IntegrationPublisherProjection.Create(sp.GetRequiredService<LeadEventCodec>(), sp.GetRequiredService<IEventStore>()),
            store: sp => sp.GetRequiredService<PublishingStore>());
        // Follow-up reminders (LeadFollowupDue, LeadFollowupOverdue): a second projection under the same host and lease.
        services.AddFollowupReminders(configuration, events.DataDirectory);
        return services;
    }
}
