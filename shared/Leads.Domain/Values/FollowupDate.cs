using System.Globalization;

namespace Leads.Domain.Values;

/// <summary>A follow-up date as an ISO calendar date, exactly yyyy-mm-dd.</summary>
public static class FollowupDate
{
    public const string Format = "yyyy-MM-dd";

    public static Validated<DateOnly> Parse(string? raw, string field = "followup_on")
    {
        if (string.IsNullOrEmpty(raw))
        {
            return DomainError.Invalid(field, $"{field} must not be empty (expected an ISO date yyyy-mm-dd)");
        }

        if (raw.Length != Format.Length
            || !DateOnly.TryParseExact(raw, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var shown = raw.Length <= 40 ? raw : raw[..40] + "…";
            return DomainError.Invalid(field, $"{field} '{shown}' is not an ISO date yyyy-mm-dd");
        }

        return date;
    }

    public static string ToIso(DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);
}
