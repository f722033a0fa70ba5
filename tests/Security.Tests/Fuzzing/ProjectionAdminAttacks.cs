using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// The attacks per ProjectionAdmin RPC (field numbers from leads/v1/projection_admin.proto). None of them names a
/// projection and a valid request at once: the hostile phase never pauses, resets or replays a real projection.
/// </summary>
public static class ProjectionAdminAttacks
{
    private static readonly Expectation NoSuchProjection = Expectation.Refused(StatusCode.NotFound, StatusCode.InvalidArgument);

    public static IReadOnlyList<Attack> ListProjections { get; } = [];

    public static IReadOnlyList<Attack> ResetProjection { get; } =
    [
        .. BadNames((c, r) => new Fields().Bool(2, true)),
        new("missing fields", (c, r) =>
        {
            var request = Named(c, r);
            var detail = "no starting point";
            if (r.Chance(0.5))
            {
                request.Bool(2, false);
                detail = "from_start = false";
            }

            return new(request.Build(r), Expectation.Invalid, detail);
        }),
        new("wrong timestamps", (c, r) =>
        {
            var (at, detail) = Timestamps.OutOfRange(r);
            return new(Named(c, r).Message(4, at).Build(r), Expectation.Invalid, "from_time: " + detail);
        }),
    ];

    public static IReadOnlyList<Attack> PauseProjection { get; } = [.. BadNames((c, r) => new Fields())];

    public static IReadOnlyList<Attack> ResumeProjection { get; } = [.. BadNames((c, r) => new Fields())];

    public static IReadOnlyList<Attack> ListParked { get; } =
    [
        .. BadNames((c, r) => new Fields().Int64(2, 0)),
        new("lead_id <= 0", (c, r) =>
        {
            var id = NegativeId(r);
            return new(Named(c, r).Int64(2, id).Build(r), Expectation.Invalid, $"lead_id = {id}");
        }),
        new("huge numbers", (c, r) =>
        {
            var id = HostileValues.HugeId(r);
            return new(Named(c, r).Int64(2, id).Build(r), Expectation.Tolerated, $"lead_id = {id} (nothing parked)");
        }),
    ];

    public static IReadOnlyList<Attack> ReplayParked { get; } =
    [
        .. BadNames((c, r) => new Fields().Int64(2, 0)),
        new("lead_id <= 0", (c, r) =>
        {
            var id = NegativeId(r);
            return new(Named(c, r).Int64(2, id).Build(r), Expectation.Invalid, $"lead_id = {id}");
        }),
        new("huge numbers", (c, r) =>
        {
            var id = HostileValues.HugeId(r);
            return new(Named(c, r).Int64(2, id).Build(r), Expectation.Refused(StatusCode.NotFound), $"lead_id = {id} (nothing parked)");
        }),
    ];

    /// <summary>Names of no projection (field 1), on top of <paramref name="rest"/> of a request.</summary>
    private static IEnumerable<Attack> BadNames(Func<FuzzContext, Random, Fields> rest)
    {
        yield return new("unknown names", (c, r) =>
        {
            var name = r.Next(4) switch
            {
                0 => HostileValues.Plain(r, r.Next(1, 80)),
                1 => c.ProjectionNames[r.Next(c.ProjectionNames.Count)].ToUpperInvariant(),
                2 => c.ProjectionNames[r.Next(c.ProjectionNames.Count)] + r.Pick(" ", "\u200B", "/..", "*", "%"),
                _ => r.Pick("../../etc/passwd", "lead-views'; DROP TABLE checkpoints; --", "*", "lead-%", "\U0001F600", "$all"),
            };
            return new(rest(c, r).String(1, name).Build(r), NoSuchProjection, $"name: {CommandAttacks.Escaped(name)}");
        });
        yield return new("oversized strings", (c, r) =>
        {
            var name = HostileValues.Oversized(r, 100);
            return new(rest(c, r).String(1, name).Build(r), Expectation.Refused(StatusCode.NotFound, StatusCode.InvalidArgument, StatusCode.ResourceExhausted), $"name: {name.Length} chars");
        });
        yield return new("invalid UTF-8", (c, r) =>
        {
            var bytes = HostileValues.WithInvalidUtf8(r, c.ProjectionNames[r.Next(c.ProjectionNames.Count)]);
            return new(rest(c, r).Bytes(1, bytes).Build(r), Expectation.Invalid, $"name: {Convert.ToHexString(bytes)}");
        });
        yield return new("blank strings", (c, r) =>
        {
            var name = r.Pick(" ", "\t", "\u00a0", "  \u2003");
            return new(rest(c, r).String(1, name).Build(r), Expectation.Invalid, $"name: {CommandAttacks.Escaped(name)}");
        });
        yield return new("control chars", (c, r) =>
        {
            var name = HostileValues.WithControlChar(r, c.ProjectionNames[r.Next(c.ProjectionNames.Count)]);
            return new(rest(c, r).String(1, name).Build(r), NoSuchProjection, $"name: {CommandAttacks.Escaped(name)}");
        });
    }

    private static Fields Named(FuzzContext c, Random r) => new Fields().String(1, c.ProjectionNames[r.Next(c.ProjectionNames.Count)]);

    private static long NegativeId(Random r) => r.Pick(-1L, long.MinValue, long.MinValue + 1, -r.NextInt64(2, long.MaxValue));
}
