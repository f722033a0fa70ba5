namespace EndToEnd.Tests;

/// <summary>
/// A platform on SQLite of its own for the erasure story: forgetting lead 1410 must not change what the other
/// end-to-end tests read on the shared platform.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteErasureCollection : ICollectionFixture<SqlitePlatform>
{
    public const string Name = "erasure platform on sqlite";
}
