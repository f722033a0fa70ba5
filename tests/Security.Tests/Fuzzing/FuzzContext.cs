namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// What the hostile phase may aim at, set up by a valid phase before it: leads in each status (each with a
/// NameChanged, ContactInfoChanged and StatusChanged after its first event, so a stale expected_revision of 0
/// conflicts with every command), idempotency keys already used, real page tokens, the projection names.
/// </summary>
public sealed record FuzzContext(
    IReadOnlyList<long> ExistingLeads,
    long AvailableLead,
    long FollowUpLead,
    long ClosedLead,
    long ConvertedLead,
    IReadOnlyList<string> UsedCommandIds,
    string HistoryToken,
    long HistoryTokenLead,
    string ListToken,
    IReadOnlyList<string> ProjectionNames)
{
    /// <summary>A lead id no test creates: positive and well-formed, but no such lead.</summary>
    public static long FreshLeadId(Random random) => random.NextInt64(1_000_000_000, 1L << 40);

    public long AnyLead(Random random) => ExistingLeads[random.Next(ExistingLeads.Count)];

    public string AnyUsedCommandId(Random random) => UsedCommandIds[random.Next(UsedCommandIds.Count)];

    public static string FreshCommandId(Random random) => "fuzz-" + random.NextInt64().ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
