namespace Cluster.Tests;

/// <summary>
/// The tests that start real three-node clusters and the services: one at a time (two cores cannot run two clusters
/// under load and keep their timings honest), never beside other collections. They share one RabbitMQ node.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<ClusterBroker>
{
    public const string Name = "EventStoreDB cluster";
}
