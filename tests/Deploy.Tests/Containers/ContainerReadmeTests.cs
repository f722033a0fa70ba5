using Leads.Deploy.Tests.Support;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// deploy/README.md tells how to run the images on one host with what the container suite really runs them with: every
/// image name, every variable it sets, the event store's ports. Checked against the suite's own code, not by reading.
/// </summary>
public sealed class ContainerReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "README.md"));

    [Fact]
    public void The_readme_names_every_image_variable_and_port_the_container_suite_uses()
    {
        foreach (var service in ServiceCatalog.All)
        {
            Assert.Contains(ContainerizedPlatform.ImageOf(service), Readme, StringComparison.Ordinal);
            foreach (var (variable, _) in new ServicePorts(1, 2, 3).Environment(service))
            {
                Assert.Contains($"`{variable}`", Readme, StringComparison.Ordinal);
            }
        }

        Assert.All(["`Auth__SigningKey`", "`ConnectionStrings__eventstore`", "`ConnectionStrings__rabbitmq`", "`LEADS_AUTH_SIGNING_KEY`", EventStoreContainer.Image],
            text => Assert.Contains(text, Readme, StringComparison.Ordinal));
        Assert.Contains($"EVENTSTORE_NODE_PORT={ContainerizedPlatform.EventStoreNodePort}", Readme, StringComparison.Ordinal);
        Assert.Contains($"EVENTSTORE_REPLICATION_PORT={ContainerizedPlatform.EventStoreReplicationPort}", Readme, StringComparison.Ordinal);
    }
}
