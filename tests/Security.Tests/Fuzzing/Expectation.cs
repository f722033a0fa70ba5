using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// What a hostile request may be answered with. Internal and Unknown are never acceptable: they mean the service
/// failed rather than judged the input. A refused request must get one of <see cref="Allowed"/>; a tolerated one
/// (well-formed but odd, e.g. unknown fields on a valid read) may also succeed.
/// </summary>
public sealed record Expectation(string Name, IReadOnlySet<StatusCode> Allowed, bool MayBeOk)
{
    public static readonly IReadOnlySet<StatusCode> NeverAcceptable = new HashSet<StatusCode> { StatusCode.Internal, StatusCode.Unknown };

    public static Expectation Invalid { get; } = Refused(StatusCode.InvalidArgument);

    /// <summary>Invalid, or too large to be read at all.</summary>
    public static Expectation InvalidOrTooLarge { get; } = Refused(StatusCode.InvalidArgument, StatusCode.ResourceExhausted);

    public static Expectation TooLarge { get; } = Refused(StatusCode.ResourceExhausted);

    public static Expectation Tolerated { get; } = new(
        "tolerated",
        Enum.GetValues<StatusCode>().Where(c => !NeverAcceptable.Contains(c) && c != StatusCode.OK).ToHashSet(),
        MayBeOk: true);

    /// <summary>Odd but within every documented limit: it must be answered (OK), nothing else.</summary>
    public static Expectation Answered { get; } = new("OK", new HashSet<StatusCode>(), MayBeOk: true);

    public static Expectation Refused(params StatusCode[] codes) => new(string.Join('|', codes), codes.ToHashSet(), MayBeOk: false);

    /// <summary>Null when <paramref name="code"/> is an acceptable answer, else why not.</summary>
    public string? Violation(StatusCode code)
    {
        if (NeverAcceptable.Contains(code))
        {
            return $"{code} is never an acceptable answer";
        }

        if (code == StatusCode.OK)
        {
            return MayBeOk ? null : $"OK for input that must be refused ({Name})";
        }

        return Allowed.Contains(code) ? null : $"{code} where {Name} was expected";
    }
}
