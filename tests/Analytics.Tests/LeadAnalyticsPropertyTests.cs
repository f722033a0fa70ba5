using Analytics.Tests.Support;
using CsCheck;
using Leads.Analytics;
using Leads.Domain;
using Leads.Testing;
using Leads.Testing.Analytics;

namespace Analytics.Tests;

/// <summary>
/// Correct by construction, checked by difference: random lead histories (reopenings, follow-ups that pass their
/// date, erasures, interleaved leads) are projected by the real projector into each engine, and every answer of every
/// question, over random periods and buckets, equals the naive fold of <see cref="NaiveAnalytics"/> over the same
/// commands.
/// </summary>
[Collection(AnalyticsCollection.Name)]
public sealed class LeadAnalyticsPropertyTests(AnalyticsDatabases databases)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(GeneratedHistory.Epoch.UtcDateTime).AddDays(90);

    private static readonly Gen<(int From, int Length, int Bucket)> Periods = Gen.Select(Gen.Int[-10, 200], Gen.Int[0, 120], Gen.Int[0, 2]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(AnalyticsDatabases.Engines), MemberType = typeof(AnalyticsDatabases))]
    public async Task Every_answer_equals_a_naive_fold_of_the_events(string engine)
    {
        databases.Require(engine);
        var samples = 0;
        await Gen.Select(GeneratedHistory.Histories, Periods.Array[3, 3]).SampleAsync(async sample =>
        {
            var (history, periods) = sample;
            await using var rig = new AnalyticsRig();
            await using var store = await databases.OpenAsync(engine, rig.Directory, Ct);
            await GeneratedHistory.AppendAsync(rig.Events, history, Ct);
            await rig.ProjectAllAsync(store.Store, Ct);
            var queries = store.Queries(new ManualClock(new DateTimeOffset(Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
            var naive = new NaiveAnalytics(history, Today);
            foreach (var (from, length, bucketIndex) in periods)
            {
                var start = DateOnly.FromDateTime(GeneratedHistory.Epoch.UtcDateTime).AddDays(from);
                var period = new AnalyticsPeriod(start, start.AddDays(length));
                var bucket = (AnalyticsBucket)(bucketIndex + 1);
                await CompareAsync(queries, naive, period, bucket);
            }

            Interlocked.Increment(ref samples);
        }, iter: engine == AnalyticsDatabases.Sqlite ? 40 : 25, threads: 1);
        Assert.True(samples > 0);
    }

    private static async Task CompareAsync(LeadAnalyticsQueries queries, NaiveAnalytics naive, AnalyticsPeriod period, AnalyticsBucket bucket)
    {
        var context = $"{AnalyticsPeriod.Text(period.From)}..{AnalyticsPeriod.Text(period.To)} by {bucket}";
        foreach (var point in await queries.GetPipelineAsync(period, bucket, Ct))
        {
            Assert.Equal(Shown(naive.Pipeline(point.AsOf)), Shown(point.Leads));
        }

        foreach (var cohort in await queries.GetFunnelAsync(period, bucket, Ct))
        {
            var expected = naive.Cohort(cohort.Bucket.From, cohort.Bucket.To);
            Assert.Equal(expected, (cohort.Created, cohort.ReachedFollowup, cohort.Converted, cohort.Closed, cohort.Reopened, cohort.Reopenings));
        }

        var times = await queries.GetTimeInStatusAsync(period, Ct);
        var (byStatus, conversions) = naive.Durations(period.From, period.To);
        foreach (var status in Enum.GetValues<LeadStatus>())
        {
            Assert.True(NaiveAnalytics.Summary(byStatus[status]) == times.ByStatus[status], $"{status} in {context}: expected {NaiveAnalytics.Summary(byStatus[status])}, got {times.ByStatus[status]}");
        }

        Assert.Equal(NaiveAnalytics.Summary(conversions), times.CreationToConversion);
        Assert.Equal(naive.Followups(period.From, period.To), await queries.GetFollowupDisciplineAsync(period, Ct));
        Assert.Equal(naive.Activity(period.From, period.To), await queries.GetActivityAsync(period, Ct));
    }

    private static string Shown(IReadOnlyDictionary<LeadStatus, long> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value}"));
}
