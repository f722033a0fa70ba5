namespace EndToEnd.Tests;

/// <summary>
/// A platform on SQLite of its own for bulk imports: 100,000 imported leads must not slow down what the other
/// end-to-end tests replay on the shared platform.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteImportCollection : ICollectionFixture<SqlitePlatform>
{
    public const string Name = "import platform on sqlite";
}
