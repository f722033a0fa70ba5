namespace Leads.Messaging;

/// <summary>Which MassTransit transport a service uses, decided by configuration only.</summary>
public enum BusTransport
{
    /// <summary>No broker configured: MassTransit's in-memory transport, for one process.</summary>
    InMemory,

    /// <summary><c>ConnectionStrings:rabbitmq</c> is set.</summary>
    RabbitMq,
}
