using System.Globalization;
using System.Text;

namespace Leads.Search;

/// <summary>
/// The normal forms search compares: name words folded to lower-case ASCII (accents dropped, "ß" to "ss"), emails
/// lower-cased, phones reduced to their digits. Every adapter indexes and queries these forms, so Lucene and
/// Elasticsearch agree on what matches.
/// </summary>
public static class SearchText
{
    // Letters that do not decompose into a base letter plus marks.
    private static readonly Dictionary<char, string> Ligatures = new()
    {
        ['ß'] = "ss", ['ẞ'] = "ss", ['æ'] = "ae", ['Æ'] = "ae", ['œ'] = "oe", ['Œ'] = "oe",
        ['ø'] = "o", ['Ø'] = "o", ['đ'] = "d", ['Đ'] = "d", ['ð'] = "d", ['Ð'] = "d", ['ł'] = "l", ['Ł'] = "l",
        ['þ'] = "th", ['Þ'] = "th", ['ı'] = "i", ['ħ'] = "h", ['Ħ'] = "h",
    };

    /// <summary>The words of a name or a name query: runs of letters and digits, folded. "Stéf-Müller" gives stef, muller.</summary>
    public static IReadOnlyList<string> NameWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var folded = Fold(text);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isWordChar = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }

        return words;
    }

    /// <summary>An email as compared: trimmed and lower-cased.</summary>
    public static string Email(string? email) => (email ?? "").Trim().ToLowerInvariant();

    /// <summary>The digits of a phone number or phone query.</summary>
    public static string PhoneDigits(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "";
        }

        var digits = new StringBuilder(phone.Length);
        foreach (var c in phone)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        return digits.ToString();
    }

    /// <summary>True when every query word is a prefix of some word of <paramref name="nameWords"/>.</summary>
    public static bool WordsMatch(IReadOnlyList<string> queryWords, IReadOnlyList<string> nameWords) =>
        queryWords.Count > 0
        && queryWords.All(q => nameWords.Any(w => w.StartsWith(q, StringComparison.Ordinal)));

    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (LatinFolding.Map.TryGetValue(c, out var baseLetter))
            {
                folded.Append(baseLetter);
            }
            else if (Ligatures.TryGetValue(c, out var replacement))
            {
                folded.Append(replacement);
            }
            else
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString();
    }
}
