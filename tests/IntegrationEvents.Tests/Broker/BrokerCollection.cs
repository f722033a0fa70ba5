namespace IntegrationEvents.Tests.Broker;

/// <summary>Tests that share one private RabbitMQ node (each in its own virtual host); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "rabbitmq";
}
