using System.Globalization;
using Leads.Contracts.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>
/// The Follow-ups page, linked from the search page: leads in Follow-up in Overdue, Today and Upcoming (the browser's
/// calendar day), each a link to the lead's page, read through ListFollowups as JSON; it fits a 375 px screen.
/// </summary>
[Collection(SearchPageCollection.Name)]
public sealed class FollowupsPageTests(SearchPagePlatform platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Overdue_today_and_upcoming_follow_ups_are_listed_in_their_sections_and_open_the_lead()
    {
        await FollowupsAsync();
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByRole(AriaRole.Link, new() { Name = "Follow-ups" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync("Follow-ups");
        await Expect(Section(page, "Overdue").Locator("li[data-lead-id='19201']")).ToContainTextAsync("Overdue Olga");
        await Expect(Section(page, "Today").Locator("li[data-lead-id='19202']")).ToContainTextAsync(Day(0));
        await Expect(Section(page, "Upcoming").Locator("li[data-lead-id='19203']")).ToContainTextAsync("Upcoming Ugo");
        await Expect(Section(page, "Today").Locator("li[data-lead-id='19201']")).ToHaveCountAsync(0);
        await Expect(page.Locator("#followups-status")).ToHaveTextAsync("Follow-ups loaded.");
        await Screenshots.SaveAsync(page, "followups-page");

        await Section(page, "Today").GetByRole(AriaRole.Link, new() { Name = "Today Tomas" }).ClickAsync();
        await Expect(page.Locator("#lead-title")).ToContainTextAsync("Today Tomas");
    }

    [Fact]
    public async Task At_375_px_wide_the_follow_ups_page_fits_the_screen()
    {
        await FollowupsAsync();
        await using var context = await platform.NewContextAsync(width: 375, height: 812);
        var page = await context.NewPageAsync();

        await page.GotoAsync(PageAccess.Url(platform.PageAddress, "/followups"));

        await Expect(Section(page, "Upcoming").Locator("li[data-lead-id='19203']")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the Follow-ups page is wider than 375 px");
        await Screenshots.SaveAsync(page, "followups-page-375px");
    }

    [Fact]
    public async Task Without_a_token_the_page_says_to_sign_in()
    {
        platform.RequireBrowser();
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(platform.PageAddress, "/followups").ToString());

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sign in");
        await Expect(page.Locator("#followups-status")).ToHaveTextAsync("Some follow-ups could not be loaded.");
    }

    private static ILocator Section(IPage page, string name) => page.GetByRole(AriaRole.Region, new() { Name = name });

    /// <summary>The browser's calendar day (the test machine's local time zone) <paramref name="offset"/> days from today.</summary>
    private static string Day(int offset) => DateTime.Now.Date.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Leads in Follow-up dated three days ago, today and in five days (written once; a retry replays the same command ids).</summary>
    private async Task FollowupsAsync()
    {
        platform.RequireBrowser();
        LeadCommandReply last = null!;
        foreach (var (id, name, offset) in new[] { (19201L, "Overdue Olga", -3), (19202L, "Today Tomas", 0), (19203L, "Upcoming Ugo", 5) })
        {
            await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = id, Name = name, Email = $"lead{id}@example.com", Phone = $"0404{id}", CommandId = $"page-followup-init-{id}",
            }, cancellationToken: Ct);
            await platform.Commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = LeadStatus.FollowUp, CommandId = $"page-followup-status-{id}" }, cancellationToken: Ct);
            last = await platform.Commands.SetFollowupAsync(new SetFollowupRequest { LeadId = id, FollowupOn = Day(offset), CommandId = $"page-followup-date-{id}" }, cancellationToken: Ct);
        }

        await platform.WaitForProjectionsAsync(last.Position, Ct);
    }
}
