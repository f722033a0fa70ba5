using System.Text.Json;
using Leads.IntegrationEvents.V1;
using RabbitMQ.Client;

namespace Cluster.Tests;

/// <summary>
/// A durable queue of our own, bound (before anything is published) to the exchange of every concrete integration
/// message type, as MassTransit names them (<c>Leads.IntegrationEvents.V1:LeadInitialized</c>; fanout, durable, as
/// MassTransit declares them). Not to the interface's exchange: MassTransit binds the concrete exchanges to it, so a
/// queue bound to both would see every message twice. Read as it is on the wire with the plain RabbitMQ client: each
/// delivery's message id (the AMQP property, else the envelope's) and the source event id from MassTransit's JSON envelope.
/// </summary>
public sealed class PublishedMessages : IAsyncDisposable
{
    private const string Queue = "cluster-tests-every-lead-message";

    private readonly IConnection connection;
    private readonly IChannel channel;

    private PublishedMessages(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <summary>The exchanges MassTransit publishes the contract's messages to, one per concrete type.</summary>
    public static IReadOnlyList<string> Exchanges { get; } = typeof(ILeadIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(ILeadIntegrationEvent).IsAssignableFrom(t))
        .Select(t => $"{t.Namespace}:{t.Name}")
        .Order(StringComparer.Ordinal)
        .ToList();

    public static async Task<PublishedMessages> BindAsync(string amqpConnectionString, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(amqpConnectionString), ClientProvidedName = "cluster-tests" };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        foreach (var exchange in Exchanges)
        {
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(Queue, exchange, routingKey: string.Empty, cancellationToken: cancellationToken);
        }

        return new PublishedMessages(connection, channel);
    }

    /// <summary>Takes every message the queue holds now (acknowledging each), in the order the broker gives them.</summary>
    public async Task<IReadOnlyList<PublishedMessage>> DrainAsync(CancellationToken cancellationToken)
    {
        var messages = new List<PublishedMessage>();
        while (await channel.BasicGetAsync(Queue, autoAck: true, cancellationToken) is { } delivery)
        {
            using var envelope = JsonDocument.Parse(delivery.Body);
            var message = envelope.RootElement.GetProperty("message");
            messages.Add(new PublishedMessage(
                delivery.BasicProperties.MessageId ?? envelope.RootElement.GetProperty("messageId").GetString() ?? string.Empty,
                delivery.Exchange,
                message.GetProperty("sourceEventId").GetGuid(),
                message.GetProperty("leadId").GetInt64()));
        }

        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
        channel.Dispose();
        connection.Dispose();
    }
}
