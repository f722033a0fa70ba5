namespace Leads.Security.Tests;

/// <summary>One running platform shared by the hostile-input test classes (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostilePlatform>
{
    public const string Name = "hostile";
}
