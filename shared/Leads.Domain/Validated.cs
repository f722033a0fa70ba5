using System.Diagnostics.CodeAnalysis;

namespace Leads.Domain;

/// <summary>A parsed value or the reason it was refused.</summary>
public readonly struct Validated<T>
{
    private Validated(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public DomainError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Error is null;

    public static Validated<T> Ok(T value) => new(value, null);

    /// <summary>Goes on with the value, or keeps the refusal: so a chain of parses stops at the first bad field.</summary>
    public Validated<TNext> Then<TNext>(Func<T, Validated<TNext>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return IsValid ? next(Value) : Error;
    }

    public static implicit operator Validated<T>(T value) => new(value, null);
    public static implicit operator Validated<T>(DomainError error) => new(default, error);
}
