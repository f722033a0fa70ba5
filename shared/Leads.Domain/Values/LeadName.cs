namespace Leads.Domain.Values;

/// <summary>A lead's name: trimmed, 1 to 200 characters, no control characters. Only <see cref="Parse"/> makes one.</summary>
public readonly record struct LeadName
{
    public const int MaxLength = 200;

    private LeadName(string value) => Value = value;

    public string Value { get; }

    public static Validated<LeadName> Parse(string? raw, string field = "name") =>
        Text.Required(raw, field, MaxLength).Then<LeadName>(name =>
            name.Any(char.IsControl) ? DomainError.Invalid(field, $"{field} must not contain control characters")
            : !Text.IsWellFormedUtf16(name) ? DomainError.Invalid(field, $"{field} contains an unpaired surrogate")
            : new LeadName(name));

    public override string ToString() => Value;
}
