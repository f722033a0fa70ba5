namespace Leads.Domain;

/// <summary>
/// The lead's personal data (name, email, phone and its digits) and how an erased value reads everywhere: in views,
/// history, time travel and integration messages alike.
/// </summary>
public static class PersonalData
{
    /// <summary>What an erased name, email or phone reads as. Never ciphertext, never the old value.</summary>
    public const string Erased = "[erased]";

    /// <summary>The personal fields of the stored events, by their JSON names.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["name", "email", "phone", "phoneDigits"];

    public static bool IsErased(string? value) => string.Equals(value, Erased, StringComparison.Ordinal);
}
