using System.Globalization;
using System.Text.RegularExpressions;
using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace Leads.Cli.Tests;

/// <summary>
/// <c>leads seed</c> with its default two-year history, run as a process against the command service, the view
/// projector (which runs lead-analytics) and the query service on a fresh embedded data directory; what the dashboard
/// would show is read back through leads.v1.LeadAnalytics.
/// </summary>
public sealed partial class SeedHistoryTests
{
    private const int Leads = 80;
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seeded_leads_spread_over_two_years_with_conversions_closes_reopenings_overdue_followups_and_several_callers()
    {
        using var data = new TempDirectory();
        var key = DevelopmentSigningKey.LoadOrCreate(data.Path);
        var settings = new Dictionary<string, string>
        {
            ["Leads:DataDirectory"] = data.Path,
            ["Auth:SigningKey"] = Convert.ToBase64String(key),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var commands = await ServiceProcess.StartAsync("Leads.CommandService", settings, cancellationToken: Cancel);
        await using var projector = await ServiceProcess.StartAsync("Leads.ViewProjector", settings, cancellationToken: Cancel);
        await using var queries = await ServiceProcess.StartAsync("Leads.QueryService", settings, cancellationToken: Cancel);
        var end = DateOnly.FromDateTime(DateTime.UtcNow);
        var (from, to) = (Day(end.AddDays(-730)), Day(end.AddDays(-1)));
        string[] seed = ["seed", "--count", $"{Leads}", "--first-id", "700000", "--history-end", Day(end), "--data-dir", data.Path, "--commands", $"{commands.Address}"];

        var first = await RunAsync(seed);
        var again = await RunAsync(seed);

        using var reader = queries.ChannelWithToken(LeadsTokens.Mint(key, "seed-test", [LeadsRoles.Read], TimeSpan.FromHours(1)));
        var analytics = new LeadAnalytics.LeadAnalyticsClient(reader);
        var funnel = await Eventually.ReturnsAsync(
            async () => await analytics.GetFunnelAsync(new GetFunnelRequest { From = from, To = to, Bucket = "month" }, cancellationToken: Cancel) is { } f
                && f.Cohorts.Sum(c => c.Created) == Leads ? f : null,
            TimeSpan.FromMinutes(2), $"lead-analytics counting the {Leads} seeded leads", Cancel);
        var pipeline = await analytics.GetPipelineAsync(new GetPipelineRequest { From = from, To = to, Bucket = "month" }, cancellationToken: Cancel);
        var followups = await analytics.GetFollowupDisciplineAsync(new GetFollowupDisciplineRequest { From = from, To = to }, cancellationToken: Cancel);
        var activity = await analytics.GetActivityAsync(new GetActivityRequest { From = from, To = to }, cancellationToken: Cancel);

        Assert.True(first.ExitCode == 0 && first.Output.Contains($"{Leads + 4} lead(s) seeded", StringComparison.Ordinal), first.Output);
        Assert.Equal(LastPosition(first.Output), LastPosition(again.Output));
        Assert.True(funnel.Cohorts.Count(c => c.Created > 0) >= 15, $"leads created in only {funnel.Cohorts.Count(c => c.Created > 0)} distinct months");
        Assert.True(pipeline.Points.Select(p => Total(p.Leads)).Distinct().Count() >= 15, "the pipeline barely moves over two years");
        Assert.True(
            (funnel.Cohorts.Sum(c => c.Converted), funnel.Cohorts.Sum(c => c.Closed), funnel.Cohorts.Sum(c => c.Reopenings), funnel.Cohorts.Sum(c => c.ReachedFollowUp)) is ( > 0, > 0, > 0, > 0),
            $"funnel: {funnel}");
        Assert.True(followups is { Overdue: > 0, ResolvedOnTime: > 0 }, $"follow-ups: {followups}");
        Assert.True(activity.Rows.Select(r => r.Caller).Distinct().Count() >= 3, $"callers: {string.Join(", ", activity.Rows.Select(r => r.Caller).Distinct())}");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long Total(StatusCounts c) => c.Available + c.FollowUp + c.Closed + c.Converted;

    private static string LastPosition(string output) => LastPositionPattern().Match(output) is { Success: true } m ? m.Groups[1].Value : $"no position in: {output}";

    [GeneratedRegex(@"last position (\d+)")]
    private static partial Regex LastPositionPattern();

    /// <summary>The tool as an operator runs it, minting its callers' tokens from the development key in --data-dir.</summary>
    private static Task<(int ExitCode, string Output)> RunAsync(string[] args) =>
        CommandLineProcess.RunAsync(args, new Dictionary<string, string?> { ["LEADS_TOKEN"] = null }, TimeSpan.FromMinutes(3), Cancel);
}
