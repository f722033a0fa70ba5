namespace Leads.Domain.Values;

/// <summary>The guards every text field shares: trimmed, required, bounded, plain text.</summary>
internal static class Text
{
    /// <summary>The trimmed text, or why it is empty or longer than <paramref name="maxLength"/>.</summary>
    public static Validated<string> Required(string? raw, string field, int maxLength, string unit = "characters")
    {
        var text = raw?.Trim() ?? "";
        if (text.Length == 0)
        {
            return DomainError.Invalid(field, $"{field} must not be empty");
        }

        return text.Length > maxLength
            ? DomainError.Invalid(field, $"{field} must be at most {maxLength} {unit} (got {text.Length})")
            : text;
    }

    /// <summary>No control characters and no unpaired surrogates: text that reads the same in every log and store.</summary>
    public static bool IsPlain(string s) => !s.Any(char.IsControl) && IsWellFormedUtf16(s);

    /// <summary>False when the string holds a lone surrogate (invalid UTF-16, which cannot be stored as UTF-8).</summary>
    public static bool IsWellFormedUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
