using System.Globalization;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// The attacks on leads.v1.LeadAnalytics (field numbers from leads/v1/lead_analytics.proto). Every refusal is
/// InvalidArgument naming the field; periods at the ends of the calendar and at the caps are answered; reads write nothing.
/// </summary>
public static class AnalyticsAttacks
{
    /// <summary>A request of one RPC: its field numbers (0 when it has none) and a valid period to start from.</summary>
    private sealed record Shape(int AsOf, int From, int To, int Bucket)
    {
        public Fields Valid(Random r)
        {
            var from = new DateOnly(2016, 1, 1).AddDays(r.Next(0, 3650));
            var fields = new Fields().String(From, Text(from)).String(To, Text(from.AddDays(r.Next(0, 400))));
            return Bucket > 0 ? fields.String(Bucket, r.Pick("day", "week", "month", " Week", "MONTH")) : fields;
        }

        public string Name(int field) => field == AsOf ? "as_of" : field == From ? "from" : field == To ? "to" : "bucket";
    }

    private static readonly Shape Pipeline = new(1, 2, 3, 4);
    private static readonly Shape Funnel = new(0, 1, 2, 3);
    private static readonly Shape Period = new(0, 1, 2, 0);

    public static RpcFuzzer GetPipeline { get; } = new((c, r) => Pipeline.Valid(r).Build(r), [.. For(Pipeline), .. AsOfAttacks()]);

    public static RpcFuzzer GetFunnel { get; } = new((c, r) => Funnel.Valid(r).Build(r), [.. For(Funnel)]);

    public static RpcFuzzer OverPeriod { get; } = new((c, r) => Period.Valid(r).Build(r), [.. For(Period)]);

    private static IEnumerable<Attack> For(Shape s)
    {
        yield return new("bad dates", (c, r) =>
        {
            var (field, date) = (r.Pick(s.From, s.To), HostileValues.BadDate(r));
            return Invalid(s.Valid(r).String(field, date), r, s.Name(field), $"{s.Name(field)} = {CommandAttacks.Escaped(date)}");
        });
        yield return new("missing fields", (c, r) =>
        {
            var field = s.Bucket > 0 ? r.Pick(s.From, s.To, s.Bucket) : r.Pick(s.From, s.To);
            return Invalid(r.Chance(0.5) ? s.Valid(r).Without(field) : s.Valid(r).String(field, HostileValues.Blank(r)), r, s.Name(field), $"{s.Name(field)} missing or blank");
        });
        yield return new("period ends before it starts", (c, r) =>
        {
            var to = new DateOnly(2020, 1, 1).AddDays(r.Next(0, 3000));
            return Invalid(s.Valid(r).String(s.From, Text(to.AddDays(r.Pick(1, 2, 400)))).String(s.To, Text(to)), r, "to", "to before from");
        });
        yield return new("absurd ranges", (c, r) => r.Next(3) switch
        {
            0 => Invalid(s.Valid(r).String(s.From, "0001-01-01").String(s.To, "9999-12-31"), r, "to", "0001-01-01..9999-12-31 (millions of days)"),
            1 => Invalid(s.Valid(r).String(s.From, "2000-01-01").String(s.To, Text(new DateOnly(2000, 1, 1).AddDays(r.Next(7320, 2_000_000)))), r, "to", "over 7320 days"),
            _ => AtAnEndOfTheCalendar(s, r),
        });
        yield return new("oversized strings", (c, r) =>
        {
            var field = s.Bucket > 0 ? r.Pick(s.From, s.To, s.Bucket) : r.Pick(s.From, s.To);
            var text = HostileValues.Oversized(r, 10);
            return new(s.Valid(r).String(field, text).Build(r), Expectation.InvalidOrTooLarge, $"{s.Name(field)}: {text.Length} chars", Field: s.Name(field));
        });
        yield return new("beyond message limit", (c, r) =>
            new(s.Valid(r).String(s.From, HostileValues.BeyondMessageLimit(r)).Build(r), Expectation.TooLarge, "from over 4 MiB"), Weight: 0.1);
        yield return new("invalid UTF-8", (c, r) =>
        {
            var bytes = HostileValues.WithInvalidUtf8(r, "2026-01-01");
            return new(s.Valid(r).Bytes(s.From, bytes).Build(r), Expectation.Invalid, $"from: {Convert.ToHexString(bytes)}");
        });
        if (s.Bucket > 0)
        {
            yield return new("unknown bucket enums", (c, r) =>
            {
                var bucket = r.Pick("fortnight", "year", "days", "1", "BUCKET_DAY", "d", "week\0", HostileValues.WithControlChar(r, "month"), "wëek");
                return Invalid(s.Valid(r).String(s.Bucket, bucket), r, "bucket", $"bucket = {CommandAttacks.Escaped(bucket)}");
            });
            yield return new("too many buckets", (c, r) =>
            {
                var days = r.Next(AnalyticsMaxBuckets + 1, 7321);
                return Invalid(s.Valid(r).String(s.From, "2000-01-01").String(s.To, Text(new DateOnly(2000, 1, 1).AddDays(days - 1))).String(s.Bucket, "day"), r, "bucket", $"{days} daily buckets");
            });
        }
    }

    private static IEnumerable<Attack> AsOfAttacks()
    {
        yield return new("as_of with a period", (c, r) =>
        {
            var fields = new Fields().String(1, "2026-06-30");
            var also = r.Next(1, 8);
            fields = (also & 1) != 0 ? fields.String(2, "2026-01-01") : fields;
            fields = (also & 2) != 0 ? fields.String(3, "2026-06-30") : fields;
            fields = (also & 4) != 0 ? fields.String(4, "week") : fields;
            return Invalid(fields, r, "as_of", $"as_of with {also} of from/to/bucket");
        });
        yield return new("bad dates", (c, r) =>
        {
            var date = HostileValues.BadDate(r);
            return Invalid(new Fields().String(1, date), r, "as_of", $"as_of = {CommandAttacks.Escaped(date)}");
        });
        yield return new("absurd ranges", (c, r) =>
            new(new Fields().String(1, r.Pick("0001-01-01", "9999-12-31")).Build(r), Expectation.Answered, "as_of at an end of the calendar"));
    }

    /// <summary>A short period on the first or last days of the calendar: within every limit, so it must be answered.</summary>
    private static Hostile AtAnEndOfTheCalendar(Shape s, Random r)
    {
        var (from, to) = r.Pick(("0001-01-01", "0001-01-01"), ("0001-01-01", "0001-02-28"), ("9999-12-01", "9999-12-31"), ("9999-12-31", "9999-12-31"));
        return new(s.Valid(r).String(s.From, from).String(s.To, to).Build(r), Expectation.Answered, $"{from}..{to}, at an end of the calendar");
    }

    /// <summary>The cap of leads/v1/lead_analytics.proto (AnalyticsPeriod.MaxBuckets; the tests see only the contract).</summary>
    private const int AnalyticsMaxBuckets = 3660;

    private static Hostile Invalid(Fields fields, Random r, string field, string detail) => new(fields.Build(r), Expectation.Invalid, detail, Field: field);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
