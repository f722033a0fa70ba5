namespace Leads.Search;

/// <summary>What a query looks for, decided by its shape (see <see cref="SearchQuery.Parse"/>).</summary>
public enum SearchQueryKind
{
    /// <summary>Contains '@': one email, exact and case-insensitive, current or old.</summary>
    Email = 1,

    /// <summary>Only digits and phone separators: phone digits, whole or as a prefix.</summary>
    Phone = 2,

    /// <summary>Anything else: every word is a prefix of a word of one name (AND across words).</summary>
    Name = 3,
}
