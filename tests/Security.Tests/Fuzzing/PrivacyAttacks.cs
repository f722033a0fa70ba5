using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// The attacks on LeadCommands' erasure RPCs (field numbers from leads/v1/lead_commands.proto). Every ForgetLead sent
/// names a lead that does not exist, so even a request the service accepted as well-formed can never erase anything:
/// the hostile phase must leave the store byte-for-byte as it was.
/// </summary>
public static class PrivacyAttacks
{
    /// <summary>A well-formed ForgetLead of a lead that was never written (NotFound).</summary>
    public static Fields Forget(FuzzContext context, Random random) =>
        new Fields().Int64(1, FuzzContext.FreshLeadId(random)).String(2, "fuzz: the customer asked to be forgotten");

    public static IReadOnlyList<Attack> ForgetLead { get; } =
    [
        .. QueryAttacks.LeadId(Forget),
        new("missing fields", (c, r) => new(Forget(c, r).Without(2).Build(r), Expectation.Invalid, "reason missing")),
        new("blank strings", (c, r) => new(Forget(c, r).String(2, HostileValues.Blank(r)).Build(r), Expectation.Invalid, "blank reason")),
        new("oversized strings", (c, r) =>
        {
            var reason = HostileValues.Oversized(r, 500);
            return new(Forget(c, r).String(2, reason).Build(r), Expectation.InvalidOrTooLarge, $"reason: {reason.Length} chars");
        }),
        new("beyond message limit", (c, r) => new(Forget(c, r).String(2, HostileValues.BeyondMessageLimit(r)).Build(r), Expectation.TooLarge, "reason over 4 MiB"), Weight: 0.1),
        new("control chars", (c, r) =>
        {
            var reason = HostileValues.WithControlChar(r, "customer asked");
            return new(Forget(c, r).String(2, reason).Build(r), Expectation.Invalid, $"reason: {CommandAttacks.Escaped(reason)}");
        }),
        new("invalid UTF-8", (c, r) =>
        {
            var bytes = HostileValues.WithInvalidUtf8(r, "customer asked");
            return new(Forget(c, r).Bytes(2, bytes).Build(r), Expectation.Invalid, $"reason: {Convert.ToHexString(bytes)}");
        }),
    ];

    public static IReadOnlyList<Attack> GetErasureReceipt { get; } =
    [
        .. QueryAttacks.LeadId((c, r) => new Fields().Int64(1, c.AnyLead(r))),
        new("no receipt", (c, r) =>
        {
            var lead = c.AnyLead(r);
            return new(new Fields().Int64(1, lead).Build(r), Expectation.Refused(StatusCode.NotFound), $"lead {lead} was never forgotten");
        }),
    ];
}
