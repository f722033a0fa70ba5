namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// One hostile request body and how it must be answered; <paramref name="Detail"/> says what is wrong with it. When
/// <paramref name="Field"/> is set, an InvalidArgument answer must name that field in its <c>field</c> trailer.
/// </summary>
public sealed record Hostile(byte[] Payload, Expectation Expect, string Detail, TimeSpan? Deadline = null, string? Field = null);
