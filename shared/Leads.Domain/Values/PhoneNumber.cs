namespace Leads.Domain.Values;

/// <summary>
/// A phone number: 5 to 20 digits once separators (spaces, '-', '.', parentheses and one leading '+') are removed.
/// The caller's formatting is kept; the digits are kept beside it for matching.
/// </summary>
public static class PhoneNumber
{
    public const int MinDigits = 5;
    public const int MaxDigits = 20;

    public static Validated<(string Formatted, string Digits)> Parse(string? raw, string field = "phone")
    {
        var phone = raw?.Trim() ?? "";
        if (phone.Length == 0)
        {
            return DomainError.Invalid(field, $"{field} must not be empty");
        }

        if (phone.Length > 64)
        {
            return DomainError.Invalid(field, $"{field} must be at most 64 characters including separators (got {phone.Length})");
        }

        var digits = new System.Text.StringBuilder(phone.Length);
        for (var i = 0; i < phone.Length; i++)
        {
            var c = phone[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                return DomainError.Invalid(field, $"{field} may contain only digits, spaces, '-', '.', parentheses and one leading '+'");
            }
        }

        if (digits.Length is < MinDigits or > MaxDigits)
        {
            return DomainError.Invalid(field, $"{field} must have {MinDigits} to {MaxDigits} digits (got {digits.Length})");
        }

        return (phone, digits.ToString());
    }

    /// <summary>The digits of any string, for matching and for upcasting old events.</summary>
    public static string DigitsOf(string s) => new(s.Where(char.IsAsciiDigit).ToArray());
}
