namespace Leads.Search;

/// <summary>
/// The matching and ranking rules, as plain functions over documents. Adapters use them to turn the documents their
/// engine found into hits (which value matched, current or historical), so every adapter reports matches the same way.
/// </summary>
public static class LeadSearchMatcher
{
    /// <summary>Current matches first, then historical; within each, by lead id.</summary>
    public static IComparer<LeadSearchHit> Ranking { get; } = Comparer<LeadSearchHit>.Create((a, b) =>
    {
        var byHistory = a.Historical.CompareTo(b.Historical);
        return byHistory != 0 ? byHistory : a.LeadId.CompareTo(b.LeadId);
    });

    /// <summary>The hit for <paramref name="document"/>, preferring its current value; null when nothing matches.</summary>
    public static LeadSearchHit? Match(SearchQuery query, LeadSearchDocument document)
    {
        var (field, values) = query.Kind switch
        {
            SearchQueryKind.Email => (MatchedField.Email, document.Emails),
            SearchQueryKind.Phone => (MatchedField.Phone, document.Phones),
            _ => (MatchedField.Name, document.Names),
        };

        KnownValue? historical = null;
        foreach (var value in values)
        {
            if (!Matches(query, value))
            {
                continue;
            }

            if (value.IsCurrent)
            {
                return Hit(document, field, value);
            }

            historical = value; // the latest historical match wins: values are listed in the order first seen
        }

        return historical is null ? null : Hit(document, field, historical);
    }

    /// <summary>The reference search: every matching document, ranked, cut to the page size.</summary>
    public static IReadOnlyList<LeadSearchHit> Search(SearchQuery query, IEnumerable<LeadSearchDocument> documents) =>
        documents
            .Select(d => Match(query, d))
            .OfType<LeadSearchHit>()
            .Order(Ranking)
            .Take(query.PageSize)
            .ToList();

    public static bool Matches(SearchQuery query, KnownValue value) => query.Kind switch
    {
        SearchQueryKind.Email => string.Equals(value.Key, query.Email, StringComparison.Ordinal),
        SearchQueryKind.Phone => value.Key.StartsWith(query.PhoneDigits, StringComparison.Ordinal),
        _ => SearchText.WordsMatch(query.NameWords, value.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
    };

    private static LeadSearchHit Hit(LeadSearchDocument document, MatchedField field, KnownValue value) =>
        new(document.LeadId, document.Name, document.Status, field, value.Value, Historical: !value.IsCurrent);
}
