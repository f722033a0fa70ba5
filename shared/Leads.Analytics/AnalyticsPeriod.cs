using System.Globalization;

namespace Leads.Analytics;

/// <summary>
/// The days a question covers, both included (UTC calendar days), and their buckets. Built only by
/// <see cref="Parse"/>, which says precisely what is wrong with bad input (<see cref="AnalyticsArgumentException"/>).
/// </summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>At most this many days (about 20 years), so no answer is unbounded.</summary>
    public const int MaxDays = 7320;

    /// <summary>At most this many buckets in one answer.</summary>
    public const int MaxBuckets = 3660;

    public static AnalyticsPeriod Parse(string? from, string? to)
    {
        var first = Day("from", from);
        var last = Day("to", to);
        if (last < first)
        {
            throw new AnalyticsArgumentException("to", $"to ({Text(last)}) is before from ({Text(first)})");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            throw new AnalyticsArgumentException("to", $"to ({Text(last)}) is more than {MaxDays} days after from ({Text(first)}): a period is at most {MaxDays} days");
        }

        return new AnalyticsPeriod(first, last);
    }

    /// <summary>A date as YYYY-MM-DD; <paramref name="field"/> names it in the error.</summary>
    public static DateOnly Day(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new AnalyticsArgumentException(field, $"{field} is required, as a date YYYY-MM-DD");
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new AnalyticsArgumentException(field, $"{field} must be a date YYYY-MM-DD, got '{Shown(text)}'");
    }

    public static AnalyticsBucket Bucket(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "day" => AnalyticsBucket.Day,
        "week" => AnalyticsBucket.Week,
        "month" => AnalyticsBucket.Month,
        null or "" => throw new AnalyticsArgumentException("bucket", "bucket is required: day, week or month"),
        _ => throw new AnalyticsArgumentException("bucket", $"bucket must be day, week or month, got '{Shown(text)}'"),
    };

    /// <summary>
    /// The buckets (calendar days, ISO weeks from Monday, or calendar months) that meet the period, each cut to it. More
    /// than <see cref="MaxBuckets"/> is refused before any is made; the last day of the calendar (9999-12-31) ends a
    /// bucket like any other.
    /// </summary>
    public IReadOnlyList<AnalyticsPeriod> Split(AnalyticsBucket bucket)
    {
        var days = To.DayNumber - From.DayNumber + 1;
        var most = bucket switch
        {
            AnalyticsBucket.Day => days,
            AnalyticsBucket.Week => (To.DayNumber / 7) - (From.DayNumber / 7) + 1, // day 0 (0001-01-01) is a Monday
            _ => ((To.Year - From.Year) * 12) + To.Month - From.Month + 1,
        };
        if (most > MaxBuckets)
        {
            throw new AnalyticsArgumentException("bucket",
                $"bucket {bucket.ToString().ToLowerInvariant()} cuts the period from {Text(From)} to {Text(To)} into more than {MaxBuckets} buckets; choose a longer bucket or a shorter period");
        }

        var buckets = new List<AnalyticsPeriod>(most);
        for (var start = From.DayNumber; start <= To.DayNumber;)
        {
            var day = DateOnly.FromDayNumber(start);
            var last = bucket switch
            {
                AnalyticsBucket.Day => start,
                AnalyticsBucket.Week => start + 6 - (((int)day.DayOfWeek + 6) % 7),
                _ => new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)).DayNumber,
            };
            var end = Math.Min(last, To.DayNumber);
            buckets.Add(new AnalyticsPeriod(day, DateOnly.FromDayNumber(end)));
            start = end + 1;
        }

        return buckets;
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The first moment after <paramref name="day"/> (its end, UTC).</summary>
    /// <remarks>The end of the last day of the calendar (9999-12-31) is <see cref="DateTimeOffset.MaxValue"/>.</remarks>
    public static DateTimeOffset EndOf(DateOnly day) =>
        day == DateOnly.MaxValue ? DateTimeOffset.MaxValue : new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "...";
}

public enum AnalyticsBucket
{
    Day = 1,
    Week = 2,
    Month = 3,
}
