using Leads.Domain;

namespace Leads.Search.Tests;

/// <summary>How a query's shape decides what it looks for, and which queries are refused.</summary>
public sealed class SearchQuerySpecs
{
    [Fact]
    public void A_query_with_an_at_sign_is_a_lower_cased_email()
    {
        var query = Parse(" Stefan@Old.Example ");

        Assert.Equal((SearchQueryKind.Email, "stefan@old.example"), (query.Kind, query.Email));
    }

    [Theory]
    [InlineData("03-2724", "032724")]
    [InlineData("050 813 9904", "0508139904")]
    [InlineData("+49 (30) 1234.56", "4930123456")]
    [InlineData("1410", "1410")]
    public void Digits_and_phone_separators_are_phone_digits(string text, string digits)
    {
        var query = Parse(text);

        Assert.Equal((SearchQueryKind.Phone, digits), (query.Kind, query.PhoneDigits));
    }

    [Fact]
    public void Anything_else_is_name_words_folded_to_lower_case_ascii()
    {
        var query = Parse("Stéf MÜLL");

        Assert.Equal(SearchQueryKind.Name, query.Kind);
        Assert.Equal(["stef", "mull"], query.NameWords);
    }

    [Fact]
    public void Repeated_name_words_count_once()
    {
        Assert.Equal(["anna"], Parse("anna Anna").NameWords);
    }

    [Fact]
    public void The_page_size_is_kept()
    {
        Assert.Equal(37, SearchQuery.Parse("anna", 37).Value!.PageSize);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_query_is_refused(string? text)
    {
        AssertRefused(SearchQuery.Parse(text, 10), "query");
    }

    [Fact]
    public void An_oversized_query_is_refused()
    {
        AssertRefused(SearchQuery.Parse(new string('a', SearchQuery.MaxLength + 1), 10), "query");
    }

    [Fact]
    public void A_query_of_only_punctuation_is_refused()
    {
        AssertRefused(SearchQuery.Parse("!!! ???", 10), "query");
    }

    [Fact]
    public void A_query_with_too_many_words_is_refused()
    {
        AssertRefused(SearchQuery.Parse("a b c d e f g h i", 10), "query");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_page_size_outside_1_to_100_is_refused(int pageSize)
    {
        AssertRefused(SearchQuery.Parse("anna", pageSize), "page_size");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Page_sizes_at_the_bounds_are_accepted(int pageSize)
    {
        Assert.True(SearchQuery.Parse("anna", pageSize).IsValid);
    }

    private static SearchQuery Parse(string text)
    {
        var parsed = SearchQuery.Parse(text, 10);
        Assert.True(parsed.IsValid, parsed.Error?.Message);
        return parsed.Value;
    }

    private static void AssertRefused(Validated<SearchQuery> parsed, string field)
    {
        Assert.False(parsed.IsValid);
        Assert.Equal((DomainErrorKind.InvalidArgument, field), (parsed.Error.Kind, parsed.Error.Field));
    }
}
