namespace EndToEnd.Tests;

/// <summary>One running platform on SQLite shared by every end-to-end test class's SQLite variant (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SqlitePlatformCollection : ICollectionFixture<SqlitePlatform>
{
    public const string Name = "platform on sqlite";
}
