using System.Text.RegularExpressions;

namespace Leads.Domain.Values;

/// <summary>
/// An email address: trimmed, at most 254 characters, syntactically valid (a dot-atom local part of at most 64
/// characters, @, a domain of dot-separated labels with a top-level label), stored lower-case. Only
/// <see cref="Parse"/> makes one.
/// </summary>
public readonly partial record struct EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static Validated<EmailAddress> Parse(string? raw, string field = "email") =>
        Text.Required(raw, field, MaxLength).Then<EmailAddress>(email =>
        {
            var at = email.LastIndexOf('@');
            return at <= 0 || at > 64 || !Syntax().IsMatch(email)
                ? DomainError.Invalid(field, $"{field} '{Shorten(email)}' is not a valid email address")
                : new EmailAddress(email.ToLowerInvariant());
        });

    public override string ToString() => Value;

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "…";

    // Local part: dot-atom of the usual printable characters. Domain: labels of letters/digits/hyphens, no leading or
    // trailing hyphen, at least two labels, the last alphabetic of two or more letters. No match timeout: the input is
    // at most 254 characters (checked above) and the pattern has no ambiguous repetition, so matching is short; a
    // 250 ms timeout only fired when the process was starved of CPU (a valid email answered Unknown under load).
    [GeneratedRegex(
        @"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Syntax();
}
