namespace Leads.Security.Tests;

/// <summary>One running platform on EventStoreDB shared by the hostile-input test classes' EventStoreDB variants (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class EventStoreDbHostileCollection : ICollectionFixture<EventStoreDbHostilePlatform>
{
    public const string Name = "hostile on eventstoredb";
}
