namespace Leads.Security.Tests;

/// <summary>One running platform on SQLite shared by the hostile-input test classes' SQLite variants (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class SqliteHostileCollection : ICollectionFixture<SqliteHostilePlatform>
{
    public const string Name = "hostile on sqlite";
}
