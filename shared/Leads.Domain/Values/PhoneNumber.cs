namespace Leads.Domain.Values;

/// <summary>
/// A phone number: 5 to 20 digits once separators (spaces, '-', '.', parentheses and one leading '+') are removed.
/// The caller's formatting is kept; the digits are kept beside it for matching. Only <see cref="Parse"/> makes one.
/// </summary>
public readonly record struct PhoneNumber
{
    public const int MinDigits = 5;
    public const int MaxDigits = 20;

    /// <summary>The most characters a phone may have, separators included.</summary>
    public const int MaxLength = 64;

    private PhoneNumber(string formatted, string digits)
    {
        Formatted = formatted;
        Digits = digits;
    }

    public string Formatted { get; }
    public string Digits { get; }

    public static Validated<PhoneNumber> Parse(string? raw, string field = "phone") =>
        Text.Required(raw, field, MaxLength, "characters including separators").Then<PhoneNumber>(phone =>
        {
            for (var i = 0; i < phone.Length; i++)
            {
                if (!char.IsAsciiDigit(phone[i]) && !(phone[i] == '+' && i == 0) && phone[i] is not (' ' or '-' or '.' or '(' or ')'))
                {
                    return DomainError.Invalid(field, $"{field} may contain only digits, spaces, '-', '.', parentheses and one leading '+'");
                }
            }

            var digits = DigitsOf(phone);
            return digits.Length is < MinDigits or > MaxDigits
                ? DomainError.Invalid(field, $"{field} must have {MinDigits} to {MaxDigits} digits (got {digits.Length})")
                : new PhoneNumber(phone, digits);
        });

    /// <summary>The digits of any string, for matching and for upcasting old events.</summary>
    public static string DigitsOf(string s) => new(s.Where(char.IsAsciiDigit).ToArray());

    public override string ToString() => Formatted;
}
