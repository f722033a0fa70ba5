using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Leads.Messaging;

/// <summary>Says once, at start, which transport the bus uses; the in-memory one is a warning (nothing leaves the process).</summary>
public sealed partial class BusTransportAnnouncement(BusTransportAnnouncement.Choice choice, ILogger<BusTransportAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (choice.Transport == BusTransport.InMemory)
        {
            LogInMemory(logger, MessageBusRegistration.ConnectionStringName);
        }
        else
        {
            LogRabbitMq(logger, choice.Address?.ToString() ?? "?");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "No message broker configured (ConnectionStrings:{Name} is empty): using MassTransit's in-memory transport; integration events do not leave this process")]
    private static partial void LogInMemory(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message bus: RabbitMQ at {Broker} with publisher confirms")]
    private static partial void LogRabbitMq(ILogger logger, string broker);

    /// <summary>The transport chosen and, for RabbitMQ, where the broker is.</summary>
    public sealed record Choice(BusTransport Transport, RabbitMqAddress? Address);
}
