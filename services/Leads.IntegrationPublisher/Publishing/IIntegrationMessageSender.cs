using Leads.IntegrationPublisher.Translation;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>Publishes one message and completes once the transport has it (RabbitMQ: the broker confirmed it).</summary>
public interface IIntegrationMessageSender
{
    Task SendAsync(IntegrationMessage message, CancellationToken cancellationToken);
}
