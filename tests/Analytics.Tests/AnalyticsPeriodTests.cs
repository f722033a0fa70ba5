using Leads.Analytics;

namespace Analytics.Tests;

/// <summary>Bad periods and buckets are refused with a message that says exactly what is wrong.</summary>
public sealed class AnalyticsPeriodTests
{
    [Theory]
    [InlineData(null, "2026-01-31", "from", "from is required, as a date YYYY-MM-DD")]
    [InlineData("2026-13-01", "2026-01-31", "from", "from must be a date YYYY-MM-DD, got '2026-13-01'")]
    [InlineData("2026-02-01", "2026-01-31", "to", "to (2026-01-31) is before from (2026-02-01)")]
    [InlineData("2000-01-01", "2030-01-01", "to", "the period from 2000-01-01 to 2030-01-01 is longer than 7320 days")]
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
}
