namespace Leads.Domain.Values;

/// <summary>A lead's name: trimmed, 1 to 200 characters, no control characters.</summary>
public static class LeadName
{
    public const int MaxLength = 200;

    public static Validated<string> Parse(string? raw, string field = "name")
    {
        var name = raw?.Trim() ?? "";
        if (name.Length == 0)
        {
            return DomainError.Invalid(field, $"{field} must not be empty");
        }

        if (name.Length > MaxLength)
        {
            return DomainError.Invalid(field, $"{field} must be at most {MaxLength} characters (got {name.Length})");
        }

        if (name.Any(char.IsControl))
        {
            return DomainError.Invalid(field, $"{field} must not contain control characters");
        }

        if (!Text.IsWellFormedUtf16(name))
        {
            return DomainError.Invalid(field, $"{field} contains an unpaired surrogate");
        }

        return name;
    }
}
