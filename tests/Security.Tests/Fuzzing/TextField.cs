namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// A string field of a request and what is wrong for it: longer than <paramref name="Limit"/> characters, or a value
/// from <paramref name="BadFormat"/>. <paramref name="Valid"/> gives a value it accepts (two characters or more).
/// </summary>
public sealed record TextField(int Number, string Name, int Limit, Func<Random, string> Valid, Func<Random, string> BadFormat);
