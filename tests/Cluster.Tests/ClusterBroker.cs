using Leads.Testing;

namespace Cluster.Tests;

/// <summary>
/// One private RabbitMQ node (<see cref="RabbitMqNode"/>) for the cluster tests that publish integration messages,
/// started on first use (the tests without the publisher never pay for it) and stopped with the collection. Each test
/// gets its own virtual host.
/// </summary>
public sealed class ClusterBroker : IAsyncDisposable
{
    private readonly RabbitMqNode node = new();
    private readonly Lazy<Task> started;

    public ClusterBroker() => started = new(() => node.TryStartAsync().AsTask());

    /// <summary>
    /// A new virtual host's <c>amqp://</c> connection string, or null with the reason when RabbitMQ cannot run here
    /// (with <c>RABBITMQ_REQUIRED=1</c>, as in CI, that throws instead).
    /// </summary>
    public async Task<(string? ConnectionString, string? UnavailableReason)> VirtualHostAsync(string purpose, CancellationToken cancellationToken)
    {
        await started.Value.WaitAsync(cancellationToken);
        return node.Available
            ? (await node.CreateVirtualHostAsync(purpose, cancellationToken), null)
            : (null, node.UnavailableReason ?? "RabbitMQ is not available");
    }

    public ValueTask DisposeAsync() => node.DisposeAsync();
}
