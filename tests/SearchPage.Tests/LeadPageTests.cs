using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>Lead 1410's page, in Chromium: current state, status timeline, the audit log newest first and time travel.</summary>
[Collection(SearchPageCollection.Name)]
public sealed class LeadPageTests(SearchPagePlatform platform)
{
    [Fact]
    public async Task Opening_the_lead_from_the_results_shows_its_current_state_and_status_timeline_with_dates()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));
        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync(LeadStory.OldPhone);

        await page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions { HasText = "#1410" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Stefan Müller");
        var state = page.Locator("#current-state");
        await Expect(state).ToContainTextAsync(LeadStory.NewPhone);
        await Expect(state).ToContainTextAsync(LeadStory.NewEmail);
        await Expect(state).ToContainTextAsync("Converted");
        var timeline = page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Status timeline" }).GetByRole(AriaRole.Listitem);
        await Expect(timeline).ToHaveTextAsync([new Regex("^Available "), new Regex("^Follow-up "), new Regex("^Converted ")]);
        foreach (var entry in await timeline.AllAsync())
        {
            var datetime = await entry.Locator("time").GetAttributeAsync("datetime");
            Assert.True(DateTimeOffset.TryParse(datetime, CultureInfo.InvariantCulture, out _), $"'{datetime}' is not a date");
        }

        await Screenshots.SaveAsync(page, "lead-page");
    }

    [Fact]
    public async Task The_audit_log_shows_the_newest_events_first_and_pages_back_to_the_first()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress, "/?lead=1410"));
        var entries = page.Locator("#audit > li");
        var last = (int)platform.Story.Converted.Revision;

        await Expect(entries.First).ToHaveAttributeAsync("data-revision", last.ToString(CultureInfo.InvariantCulture));
        await Expect(entries.First).ToContainTextAsync("StatusChanged");
        var older = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Older events" });
        while (await older.IsVisibleAsync())
        {
            var shown = await entries.CountAsync();
            await older.ClickAsync();
            await Expect(entries).Not.ToHaveCountAsync(shown);
        }

        var revisions = await entries.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.revision)");
        Assert.Equal(Enumerable.Range(0, last + 1).Reverse().Select(r => r.ToString(CultureInfo.InvariantCulture)), revisions);
        await Expect(page.Locator("#audit-status")).ToHaveTextAsync("That is the first event of this lead.");
    }

    [Fact]
    public async Task Time_travel_to_the_revision_before_the_follow_up_shows_the_lead_available_with_its_old_contact()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress, "/?lead=1410"));
        await Expect(page.Locator("#lead-body")).ToBeVisibleAsync();
        var before = (platform.Story.FollowUp.Revision - 1).ToString(CultureInfo.InvariantCulture);

        await page.GetByLabel("Revision", new PageGetByLabelOptions { Exact = true }).FillAsync(before);
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();

        var then = page.GetByLabel("The lead as it was", new PageGetByLabelOptions { Exact = true });
        await Expect(then).ToContainTextAsync("Available");
        await Expect(then).ToContainTextAsync(LeadStory.OldPhone);
        await Expect(then).ToContainTextAsync(LeadStory.OldEmail);
        await Expect(then).Not.ToContainTextAsync("2016-11-23");
        await Expect(page.Locator("#travel-status")).ToContainTextAsync($"revision {before}");
        await Expect(page.Locator("#current-state")).ToContainTextAsync(LeadStory.NewPhone);
    }

    [Fact]
    public async Task Time_travel_to_a_moment_before_the_lead_existed_says_it_did_not_exist_yet()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress, "/?lead=1410"));
        await Expect(page.Locator("#lead-body")).ToBeVisibleAsync();

        await page.GetByLabel("a date and time").CheckAsync();
        await page.GetByLabel("Date and time (your time zone)").FillAsync("2001-01-01T00:00");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show" }).ClickAsync();

        await Expect(page.Locator("#travel-status")).ToHaveTextAsync("The lead did not exist yet at that moment.");
    }

    [Fact]
    public async Task An_unknown_lead_says_there_is_no_such_lead()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(PageAccess.Url(platform.PageAddress, "/?lead=987654321"));

        await Expect(page.Locator("#lead-status")).ToHaveTextAsync("There is no lead 987654321.");
    }
}
