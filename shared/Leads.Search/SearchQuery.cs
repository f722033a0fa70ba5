using System.Globalization;
using Leads.Domain;

namespace Leads.Search;

/// <summary>
/// A validated search: the caller's text, what it looks for and in which normal form, and how many hits to return.
/// Build it with <see cref="Parse"/>; refusals are <see cref="DomainErrorKind.InvalidArgument"/> naming the field
/// (<c>query</c> or <c>page_size</c>), which the query service maps to gRPC InvalidArgument.
/// </summary>
public sealed record SearchQuery
{
    public const int MaxLength = 256;
    public const int MaxWords = 8;
    public const int MinPageSize = 1;
    public const int MaxPageSize = 100;

    private SearchQuery(string text, SearchQueryKind kind, string email, string phoneDigits, IReadOnlyList<string> nameWords, int pageSize)
    {
        Text = text;
        Kind = kind;
        Email = email;
        PhoneDigits = phoneDigits;
        NameWords = nameWords;
        PageSize = pageSize;
    }

    /// <summary>The trimmed query as the caller typed it.</summary>
    public string Text { get; }
    public SearchQueryKind Kind { get; }

    /// <summary>For <see cref="SearchQueryKind.Email"/>: the lower-cased email.</summary>
    public string Email { get; }

    /// <summary>For <see cref="SearchQueryKind.Phone"/>: the digits, matched as a prefix of a phone's digits.</summary>
    public string PhoneDigits { get; }

    /// <summary>For <see cref="SearchQueryKind.Name"/>: the folded words, each matched as a word prefix.</summary>
    public IReadOnlyList<string> NameWords { get; }

    public int PageSize { get; }

    /// <summary>
    /// Decides the query's kind by its shape: '@' means an email; only digits and phone separators (spaces, '-', '.',
    /// '/', parentheses, '+') with at least one digit means a phone; anything else is a name. A digits-only query is
    /// not also tried as a name: names do not carry phone numbers, and mixing both would rank phone prefixes against
    /// name prefixes for no user benefit.
    /// </summary>
    public static Validated<SearchQuery> Parse(string? query, int pageSize)
    {
        if (pageSize is < MinPageSize or > MaxPageSize)
        {
            return DomainError.Invalid("page_size", string.Create(CultureInfo.InvariantCulture,
                $"page_size must be between {MinPageSize} and {MaxPageSize} (got {pageSize})"));
        }

        var text = query?.Trim() ?? "";
        if (text.Length == 0)
        {
            return DomainError.Invalid("query", "query must not be empty");
        }

        if (text.Length > MaxLength)
        {
            return DomainError.Invalid("query", string.Create(CultureInfo.InvariantCulture,
                $"query must be at most {MaxLength} characters (got {text.Length})"));
        }

        if (text.Contains('@', StringComparison.Ordinal))
        {
            return new SearchQuery(text, SearchQueryKind.Email, SearchText.Email(text), "", [], pageSize);
        }

        if (LooksLikePhone(text))
        {
            return new SearchQuery(text, SearchQueryKind.Phone, "", SearchText.PhoneDigits(text), [], pageSize);
        }

        var words = SearchText.NameWords(text);
        if (words.Count == 0)
        {
            return DomainError.Invalid("query", "query must contain a letter or a digit");
        }

        if (words.Count > MaxWords)
        {
            return DomainError.Invalid("query", string.Create(CultureInfo.InvariantCulture,
                $"query must have at most {MaxWords} words (got {words.Count})"));
        }

        return new SearchQuery(text, SearchQueryKind.Name, "", "", words.Distinct(StringComparer.Ordinal).ToList(), pageSize);
    }

    private static bool LooksLikePhone(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '.' or '/' or '(' or ')' or '+'))
            {
                return false;
            }
        }

        return digits > 0;
    }
}
