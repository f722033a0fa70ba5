namespace Leads.Deploy.Tests.Containers;

/// <summary>One containerized platform for every test that needs it: the images start once per run.</summary>
[CollectionDefinition(Name)]
public sealed class ContainersCollection : ICollectionFixture<ContainerizedPlatform>
{
    public const string Name = "containers";
}
