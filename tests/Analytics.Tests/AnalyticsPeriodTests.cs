using Leads.Analytics;

namespace Analytics.Tests;

/// <summary>Bad periods and buckets are refused with a message that says exactly what is wrong.</summary>
public sealed class AnalyticsPeriodTests
{
    [Theory]
    [InlineData(null, "2026-01-31", "from", "from is required, as a date YYYY-MM-DD")]
    [InlineData("2026-13-01", "2026-01-31", "from", "from must be a date YYYY-MM-DD, got '2026-13-01'")]
    [InlineData("2026-02-01", "2026-01-31", "to", "to (2026-01-31) is before from (2026-02-01)")]
    [InlineData("2000-01-01", "2030-01-01", "to", "to (2030-01-01) is more than 7320 days after from (2000-01-01): a period is at most 7320 days")]
    public void A_bad_period_names_its_field(string? from, string? to, string field, string message)
    {
        var error = Assert.Throws<AnalyticsArgumentException>(() => AnalyticsPeriod.Parse(from, to));

        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("fortnight", "bucket must be day, week or month, got 'fortnight'")]
    [InlineData("", "bucket is required: day, week or month")]
    public void A_bad_bucket_says_which_are_known(string bucket, string message)
    {
        Assert.Equal(message, Assert.Throws<AnalyticsArgumentException>(() => AnalyticsPeriod.Bucket(bucket)).Message);
    }

    [Fact]
    public void Weeks_start_on_monday_and_are_cut_to_the_period()
    {
        var weeks = AnalyticsPeriod.Parse("2026-06-03", "2026-06-17").Split(AnalyticsBucket.Week);

        Assert.Equal(["2026-06-03..2026-06-07", "2026-06-08..2026-06-14", "2026-06-15..2026-06-17"],
            weeks.Select(w => $"{AnalyticsPeriod.Text(w.From)}..{AnalyticsPeriod.Text(w.To)}"));
    }

    [Fact]
    public void Too_many_daily_buckets_ask_for_a_longer_bucket()
    {
        var error = Assert.Throws<AnalyticsArgumentException>(() => AnalyticsPeriod.Parse("2010-01-01", "2026-01-01").Split(AnalyticsBucket.Day));

        Assert.Equal("bucket", error.Field);
    }

    [Theory]
    [InlineData("9999-12-01", "9999-12-31", AnalyticsBucket.Day, 31, "9999-12-31..9999-12-31")]
    [InlineData("9999-12-20", "9999-12-31", AnalyticsBucket.Week, 2, "9999-12-27..9999-12-31")]
    [InlineData("9999-01-01", "9999-12-31", AnalyticsBucket.Month, 12, "9999-12-01..9999-12-31")]
    [InlineData("0001-01-01", "0001-01-08", AnalyticsBucket.Week, 2, "0001-01-08..0001-01-08")]
    public void The_first_and_last_days_of_the_calendar_split_like_any_other(string from, string to, AnalyticsBucket bucket, int count, string last)
    {
        var buckets = AnalyticsPeriod.Parse(from, to).Split(bucket);

        Assert.Equal((count, last), (buckets.Count, $"{AnalyticsPeriod.Text(buckets[^1].From)}..{AnalyticsPeriod.Text(buckets[^1].To)}"));
    }

    [Fact]
    public void The_daily_bucket_cap_is_exact()
    {
        var from = new DateOnly(2000, 1, 1);

        Assert.Equal(AnalyticsPeriod.MaxBuckets, new AnalyticsPeriod(from, from.AddDays(AnalyticsPeriod.MaxBuckets - 1)).Split(AnalyticsBucket.Day).Count);
        Assert.Equal("bucket", Assert.Throws<AnalyticsArgumentException>(() => new AnalyticsPeriod(from, from.AddDays(AnalyticsPeriod.MaxBuckets)).Split(AnalyticsBucket.Day)).Field);
    }

    [Theory]
    [InlineData(AnalyticsBucket.Week, 1047)]
    [InlineData(AnalyticsBucket.Month, 241)]
    public void The_longest_period_by_week_or_month_is_within_the_cap(AnalyticsBucket bucket, int count)
    {
        var longest = AnalyticsPeriod.Parse("2000-01-01", "2020-01-15");

        Assert.Equal(count, longest.Split(bucket).Count);
    }

    [Fact]
    public void Millions_of_daily_buckets_are_refused_before_one_is_made()
    {
        var whole = new AnalyticsPeriod(DateOnly.MinValue, DateOnly.MaxValue);

        var error = Assert.Throws<AnalyticsArgumentException>(() => whole.Split(AnalyticsBucket.Day));

        Assert.Equal(("bucket", "bucket day cuts the period from 0001-01-01 to 9999-12-31 into more than 3660 buckets; choose a longer bucket or a shorter period"), (error.Field, error.Message));
    }

    [Fact]
    public void The_end_of_the_last_day_of_the_calendar_is_the_last_moment()
    {
        Assert.Equal(DateTimeOffset.MaxValue, AnalyticsPeriod.EndOf(DateOnly.MaxValue));
        Assert.Equal(DateTimeOffset.MaxValue, new ScheduledFollowup(DateTimeOffset.UnixEpoch, DateOnly.MaxValue, DateTimeOffset.UnixEpoch, FollowupEnd.StatusChanged).DueEnd);
    }
}
