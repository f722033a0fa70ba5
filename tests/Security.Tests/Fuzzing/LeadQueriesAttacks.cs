using System.Globalization;
using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>The attacks per LeadQueries RPC (field numbers from leads/v1/lead_queries.proto).</summary>
public static class LeadQueriesAttacks
{
    private static Fields OnLead(FuzzContext c, Random r) => new Fields().Int64(1, c.AnyLead(r));

    public static IReadOnlyList<Attack> GetLead { get; } =
    [
        .. QueryAttacks.LeadId(OnLead),
        new("huge numbers", (c, r) =>
        {
            var position = HostileValues.HugeRevision(r);
            return new(OnLead(c, r).UInt64(2, position).Build(r), Expectation.Refused(StatusCode.Unavailable, StatusCode.DeadlineExceeded),
                $"min_position = {position} (never reached)", TimeSpan.FromMilliseconds(300));
        }),
    ];

    public static IReadOnlyList<Attack> ListLeads { get; } =
    [
        new("unknown enum values", (c, r) =>
        {
            var status = HostileValues.UnknownEnumNumber(r);
            return new(ListPage(c, r).Int32(1, status).Build(r), Expectation.Invalid, $"status = {status}");
        }),
        .. QueryAttacks.PageSize(2, 500, ListPage),
        .. QueryAttacks.PageToken(3, ListPage, (c, r) => r.Next(3) switch
        {
            0 => (QueryAttacks.Edited(r, c.ListToken), "a real token, edited", Expectation.Invalid),
            1 => (QueryAttacks.Base64("v1|0|5|ABCDEF123456"), "a token with a made-up check", Expectation.Invalid),
            _ => (QueryAttacks.Base64("v1|0|-1"), "a token without its check", Expectation.Invalid),
        }),
        new("forged page tokens", (c, r) =>
        {
            var status = r.Next(1, 5);
            return new(ListPage(c, r).Int32(1, status).String(3, c.ListToken).Build(r), Expectation.Invalid, $"a real token of the unfiltered listing, with status = {status}");
        }),
    ];

    public static IReadOnlyList<Attack> SearchLeads { get; } =
    [
        new("blank strings", (c, r) => new(Search(r).String(1, HostileValues.Blank(r)).Build(r), Expectation.Invalid, "blank query")),
        new("oversized strings", (c, r) =>
        {
            var query = HostileValues.Oversized(r, 256);
            return new(Search(r).String(1, query).Build(r), Expectation.InvalidOrTooLarge, $"query: {query.Length} chars");
        }),
        new("beyond message limit", (c, r) => new(Search(r).String(1, HostileValues.BeyondMessageLimit(r)).Build(r), Expectation.TooLarge, "query over 4 MiB"), Weight: 0.1),
        new("invalid UTF-8", (c, r) =>
        {
            var bytes = HostileValues.WithInvalidUtf8(r, "stefan");
            return new(Search(r).Bytes(1, bytes).Build(r), Expectation.Invalid, $"query: {Convert.ToHexString(bytes)}");
        }),
        .. QueryAttacks.PageSize(2, 100, (c, r) => Search(r)),
        new("bad formats", (c, r) =>
        {
            var query = r.Next(3) switch
            {
                0 => r.Pick("!!!", "???", "___", "\u2603\u2603", "#$%&", "\u0001\u0002"),
                1 => string.Join(' ', Enumerable.Range(0, r.Next(9, 40)).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture))),
                _ => "\u0000" + r.Pick("!", "?", "*"),
            };
            return new(Search(r).String(1, query).Build(r), Expectation.Invalid, $"query: {CommandAttacks.Escaped(query)}");
        }),
        new("control chars", (c, r) =>
        {
            var query = HostileValues.WithControlChar(r, "stefan");
            return new(Search(r).String(1, query).Build(r), Expectation.Tolerated, $"query: {CommandAttacks.Escaped(query)}");
        }),
        new("random text", (c, r) =>
        {
            var query = r.Pick("\u202Egnirts\u202C", "Zoë Ångström", "\U0001F600 smile", "a\u0301\u0301\u0301", "\u200Bzero", "اسم", "名前", "%00' OR 1=1 --", "*:*", "name:*", "a AND b OR c", "\"unclosed", "(((", "a~2", "[1 TO 9]");
            return new(Search(r).String(1, query).Build(r), Expectation.Tolerated, $"query: {CommandAttacks.Escaped(query)}");
        }),
    ];

    public static IReadOnlyList<Attack> GetStatusHistory { get; } = [.. QueryAttacks.LeadId(OnLead)];

    public static IReadOnlyList<Attack> ExportLeadData { get; } = [.. QueryAttacks.LeadId(OnLead)];

    public static IReadOnlyList<Attack> GetLeadHistory { get; } =
    [
        .. QueryAttacks.LeadId((c, r) => OnLead(c, r).Int32(2, r.Next(1, 501))),
        .. QueryAttacks.PageSize(2, 500, OnLead),
        .. QueryAttacks.PageToken(3, (c, r) => new Fields().Int64(1, c.HistoryTokenLead).Int32(2, r.Next(1, 501)), ForgedHistoryToken),
    ];

    public static IReadOnlyList<Attack> GetLeadAsOf { get; } =
    [
        .. QueryAttacks.LeadId((c, r) => OnLead(c, r).UInt64(3, 0)),
        new("missing fields", (c, r) => new(OnLead(c, r).Build(r), Expectation.Invalid, "neither at nor revision")),
        new("wrong timestamps", (c, r) =>
        {
            var (at, detail) = Timestamps.OutOfRange(r);
            return new(OnLead(c, r).Message(2, at).Build(r), Expectation.Invalid, "at: " + detail);
        }),
        new("huge numbers", (c, r) =>
        {
            var revision = HostileValues.HugeRevision(r);
            return new(OnLead(c, r).UInt64(3, revision).Build(r), Expectation.Refused(StatusCode.OutOfRange), $"revision = {revision}");
        }),
        new("time travel before creation", (c, r) =>
        {
            var seconds = r.NextInt64(Timestamps.MinSeconds, 1_000_000_000);
            return new(OnLead(c, r).Message(2, Timestamps.Of(seconds, r.Next(0, 1_000_000_000))).Build(r), Expectation.Refused(StatusCode.NotFound), $"at seconds = {seconds}");
        }),
    ];

    private static Fields ListPage(FuzzContext c, Random r) => new Fields().Int32(2, r.Next(1, 501));

    private static Fields Search(Random r) => new Fields().String(1, "stefan").Int32(2, r.Next(1, 101));

    private static (string, string, Expectation) ForgedHistoryToken(FuzzContext c, Random r)
    {
        var lead = c.HistoryTokenLead;
        var text = r.Next(8) switch
        {
            0 => $"history:{lead}:-5",
            1 => $"history:{c.AnyLead(r) + 1_000_000}:1",
            2 => $"views:{lead}:1",
            3 => $"history:{lead}",
            4 => $"history:{lead}:99999999999999999999",
            5 => $"history:{lead}: 1",
            6 => $"history:{lead}:1:2",
            _ => $"history:{lead}:{long.MaxValue}",
        };
        return text.EndsWith(long.MaxValue.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ? (QueryAttacks.Base64(text), $"well-formed token past the end: {text}", Expectation.Tolerated)
            : r.Chance(0.2)
                ? (QueryAttacks.Edited(r, c.HistoryToken), "a real token, edited", Expectation.Tolerated)
                : (QueryAttacks.Base64(text), $"forged: {text}", Expectation.Invalid);
    }
}
