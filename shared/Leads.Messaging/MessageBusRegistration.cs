using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.Messaging;

/// <summary>
/// Adds MassTransit on the transport configuration chooses: RabbitMQ when <c>ConnectionStrings:rabbitmq</c> is set
/// (publisher confirms on, so a publish completes only once the broker has the message), otherwise the in-memory
/// transport, announced by one warning at start (<see cref="BusTransportAnnouncement"/>).
/// </summary>
public static class MessageBusRegistration
{
    public const string ConnectionStringName = "rabbitmq";

    public static BusTransport TransportOf(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName)) ? BusTransport.InMemory : BusTransport.RabbitMq;

    /// <param name="registerConsumers">Consumers and other registrations of this service.</param>
    /// <param name="configureBus">Receive endpoints and other bus settings, the same on either transport.</param>
    public static IServiceCollection AddLeadsMessageBus(
        this IServiceCollection services,
        IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? registerConsumers = null,
        Action<IBusRegistrationContext, IBusFactoryConfigurator>? configureBus = null)
    {
        var transport = TransportOf(configuration);
        var address = transport == BusTransport.RabbitMq
            ? RabbitMqAddress.Parse(configuration.GetConnectionString(ConnectionStringName)!)
            : null;

        services.AddSingleton(new BusTransportAnnouncement.Choice(transport, address));
        services.AddHostedService<BusTransportAnnouncement>();

        // The host starts only once the bus is connected and its receive endpoints are bound, so that a service that
        // reports healthy is really consuming (and a publisher does not run ahead of its transport).
        services.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        services.AddMassTransit(bus =>
        {
            registerConsumers?.Invoke(bus);
            if (address is null)
            {
                bus.UsingInMemory((context, cfg) => configureBus?.Invoke(context, cfg));
                return;
            }

            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(address.Host, address.Port, address.VirtualHost, host =>
                {
                    host.Username(address.UserName);
                    host.Password(address.Password);

                    // The default already, stated because the publisher's checkpoint depends on it: with confirms a
                    // publish task completes only after the broker acknowledged the message.
                    host.PublisherConfirmation = true;
                    if (address.UseTls)
                    {
                        host.UseSsl(_ => { });
                    }
                });
                configureBus?.Invoke(context, cfg);
            });
        });
        return services;
    }
}
