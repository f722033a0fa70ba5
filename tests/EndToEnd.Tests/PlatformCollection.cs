namespace EndToEnd.Tests;

/// <summary>One running platform shared by every end-to-end test class (the classes run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<LeadPlatform>
{
    public const string Name = "platform";
}
