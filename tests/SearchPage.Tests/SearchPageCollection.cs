namespace SearchPage.Tests;

/// <summary>One running platform and browser shared by every search page test class.</summary>
[CollectionDefinition(Name)]
public sealed class SearchPageCollection : ICollectionFixture<SearchPagePlatform>
{
    public const string Name = "search-page";
}
