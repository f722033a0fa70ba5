using Leads.Testing;

namespace IntegrationEvents.Tests.Broker;

/// <summary>
/// The collection's private RabbitMQ node (<see cref="RabbitMqNode"/>, from the shared test support), started once for
/// the tests that share it; each test makes its own virtual host. Where it cannot start, each test skips with the
/// reason (or, with <c>RABBITMQ_REQUIRED=1</c>, the collection fails).
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private readonly RabbitMqNode _node = new();

    public ValueTask InitializeAsync() => _node.TryStartAsync();

    /// <summary>Skips the calling test (with the reason) when the broker is not running.</summary>
    public void SkipUnlessAvailable()
    {
        if (!_node.Available)
        {
            Assert.Skip(_node.UnavailableReason ?? "RabbitMQ is not available");
        }
    }

    /// <inheritdoc cref="RabbitMqNode.CreateVirtualHostAsync"/>
    public Task<string> CreateVirtualHostAsync(string purpose, CancellationToken cancellationToken) =>
        _node.CreateVirtualHostAsync(purpose, cancellationToken);

    /// <inheritdoc cref="RabbitMqNode.StopBrokerAsync"/>
    public Task StopBrokerAsync(CancellationToken cancellationToken) => _node.StopBrokerAsync(cancellationToken);

    /// <inheritdoc cref="RabbitMqNode.StartBrokerAsync"/>
    public Task StartBrokerAsync(CancellationToken cancellationToken) => _node.StartBrokerAsync(cancellationToken);

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
