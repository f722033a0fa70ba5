using Leads.Contracts.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static SearchPage.Tests.DashboardReading;

namespace SearchPage.Tests;

/// <summary>
/// The analytics dashboard (<c>/analytics</c>), linked from the search page: five charts of leads.v1.LeadAnalytics as
/// JSON over one period, each with a table of its numbers that must be what the gRPC service answers for that period;
/// the period picker reloads them all; empty periods, refused calls and a missing token read as such; it fits 375 px.
/// </summary>
[Collection(SearchPageCollection.Name)]
public sealed class AnalyticsPageTests(SearchPagePlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private LeadAnalytics.LeadAnalyticsClient Analytics => new(platform.QueryService.Channel);

    [Fact]
    public async Task The_dashboard_is_linked_from_the_search_page_and_links_back()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByRole(AriaRole.Link, new() { Name = "Analytics" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync("Pipeline analytics");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pipeline analytics", Level = 1 })).ToBeVisibleAsync();
        await ShownAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Lead search" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync("Lead search");
    }

    [Fact]
    public async Task Every_chart_shows_the_numbers_LeadAnalytics_answers_for_the_period()
    {
        await using var context = await platform.NewContextAsync();
        var (page, period) = await ShowAsync(context);

        var pipeline = await Analytics.GetPipelineAsync(new GetPipelineRequest { From = period.From, To = period.To, Bucket = period.Bucket }, cancellationToken: Ct);
        var funnel = await Analytics.GetFunnelAsync(new GetFunnelRequest { From = period.From, To = period.To, Bucket = period.Bucket }, cancellationToken: Ct);
        var times = await Analytics.GetTimeInStatusAsync(new GetTimeInStatusRequest { From = period.From, To = period.To }, cancellationToken: Ct);
        var followups = await Analytics.GetFollowupDisciplineAsync(new GetFollowupDisciplineRequest { From = period.From, To = period.To }, cancellationToken: Ct);
        var activity = await Analytics.GetActivityAsync(new GetActivityRequest { From = period.From, To = period.To }, cancellationToken: Ct);
        var last = pipeline.Points[^1].Leads;
        var charted = await page.EvaluateAsync<long[]>("() => Chart.getChart('pipeline-chart').data.datasets.map(d => d.data.at(-1))");
        var activityRows = (await RowsAsync(page, "#activity-table")).OrderBy(r => r[0], StringComparer.Ordinal).ToList();

        Assert.Equal(Rows(pipeline), await RowsAsync(page, "#pipeline-table"));
        Assert.Equal([last.Available, last.FollowUp, last.Closed, last.Converted], charted);
        Assert.Equal(Rows(funnel), await RowsAsync(page, "#funnel-table"));
        Assert.Equal(Rows(times), await RowsAsync(page, "#time-table"));
        Assert.Equal(Rows(followups), await RowsAsync(page, "#followups-table"));
        Assert.Equal(Rows(activity), activityRows);
        Assert.True(followups.Overdue >= 1 && funnel.Cohorts[^1].Reopened >= 1 && funnel.Cohorts[^1].Converted >= 1, "the seeded overdue, reopened and converted leads are missing");
        await Expect(page.Locator("#pipeline-chart")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"At the end of {period.To}: {last.Available} Available, {last.FollowUp} Follow-up"));
        await Screenshots.SaveAsync(page, "analytics-dashboard");
    }

    [Fact]
    public async Task Changing_the_period_reloads_every_chart_and_an_empty_one_says_so()
    {
        await using var context = await platform.NewContextAsync();
        var (page, weekly) = await ShowAsync(context);
        var weeks = (await RowsAsync(page, "#pipeline-table")).Count;

        await page.GetByLabel("Group by", new() { Exact = true }).SelectOptionAsync("month");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var monthly = await ShownAsync(page, weekly with { Bucket = "month" });
        var pipeline = await Analytics.GetPipelineAsync(new GetPipelineRequest { From = monthly.From, To = monthly.To, Bucket = "month" }, cancellationToken: Ct);

        Assert.Equal(Rows(pipeline), await RowsAsync(page, "#pipeline-table"));
        Assert.True(pipeline.Points.Count < weeks, $"{pipeline.Points.Count} months and {weeks} weeks");

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2020-01-01");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2020-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.Locator("#analytics-status")).ToHaveTextAsync("No lead history from 2020-01-01 to 2020-12-31: nothing to chart. Choose another period.");
        foreach (var card in Cards)
        {
            await Expect(page.Locator($"#{card}")).ToHaveAttributeAsync("data-state", "empty");
        }

        await Expect(page.Locator("#pipeline .chart-status")).ToHaveTextAsync("No leads existed in this period: there is no pipeline to chart.");
        await Expect(page.Locator("#pipeline-chart")).ToBeHiddenAsync();
        Assert.Contains("from=2020-01-01&to=2020-12-31&bucket=month", page.Url, StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "analytics-dashboard-empty");
    }

    [Fact]
    public async Task At_375_px_wide_the_dashboard_fits_the_screen()
    {
        await using var context = await platform.NewContextAsync(width: 375, height: 812);

        var (page, _) = await ShowAsync(context);

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the dashboard is wider than 375 px");
        var widest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('canvas, form, .card')].map(e => e.getBoundingClientRect().right))");
        Assert.InRange(widest, 1, 375);
        await Screenshots.SaveAsync(page, "analytics-dashboard-375px");
    }

    [Fact]
    public async Task A_chart_whose_call_fails_says_so_while_the_others_show()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/v1/analytics/funnel**", route => route.FulfillAsync(new RouteFulfillOptions { Status = 503, Body = "" }));

        await page.GotoAsync(PageAccess.Url(platform.PageAddress, "/analytics"));

        await Expect(page.Locator("#analytics-status")).ToHaveTextAsync("1 of 5 charts could not be loaded.");
        await Expect(page.Locator("#funnel")).ToHaveAttributeAsync("data-state", "error");
        await Expect(page.Locator("#funnel .chart-status")).ToHaveTextAsync("The query service is not reachable.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The query service is not reachable.");
        await Expect(page.Locator("#pipeline")).Not.ToHaveAttributeAsync("data-state", "error");
    }

    [Fact]
    public async Task Without_a_token_the_dashboard_says_to_sign_in()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(platform.PageAddress, "/analytics").ToString());

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sign in");
        await Expect(page.Locator("#analytics-status")).ToHaveTextAsync("5 of 5 charts could not be loaded.");
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused_by_the_picker()
    {
        await using var context = await platform.NewContextAsync();
        var (page, _) = await ShowAsync(context);
        var calls = 0;
        page.Request += (_, request) => calls += request.Url.Contains("/v1/analytics/", StringComparison.Ordinal) ? 1 : 0;

        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-06-30");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();

        await Expect(page.Locator("#period-error")).ToHaveTextAsync("The period ends (2026-01-01) before it starts (2026-06-30): choose a last day on or after the first.");
        await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, calls);
    }

    /// <summary>The seeded leads written and projected, then the dashboard opened and shown for its default period.</summary>
    private async Task<(IPage Page, Period Period)> ShowAsync(IBrowserContext context)
    {
        await AnalyticsPageLeads.WriteAsync(platform, Ct);
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress, "/analytics"));
        return (page, await ShownAsync(page));
    }
}
