namespace EndToEnd.Tests;

/// <summary>One running platform on EventStoreDB shared by every end-to-end test class's EventStoreDB variant (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class EventStoreDbPlatformCollection : ICollectionFixture<EventStoreDbPlatform>
{
    public const string Name = "platform on eventstoredb";
}
