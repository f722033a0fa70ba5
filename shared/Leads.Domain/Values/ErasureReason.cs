namespace Leads.Domain.Values;

/// <summary>
/// Why a lead is forgotten: 1 to 500 characters of plain text. It goes into the receipt, the audit log and the
/// operators' logs, so no control characters or broken characters. Only <see cref="Parse"/> makes one.
/// </summary>
public readonly record struct ErasureReason
{
    public const int MaxLength = 500;

    private ErasureReason(string value) => Value = value;

    public string Value { get; }

    public static Validated<ErasureReason> Parse(string? raw, string field = "reason")
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > MaxLength)
        {
            return DomainError.Invalid(field, $"{field} is required: 1 to {MaxLength} characters saying why the lead is forgotten (got {raw?.Length ?? 0})");
        }

        return Text.IsPlain(raw)
            ? new ErasureReason(raw)
            : DomainError.Invalid(field, $"{field} must be plain text: no control characters or broken characters");
    }

    public override string ToString() => Value;
}
