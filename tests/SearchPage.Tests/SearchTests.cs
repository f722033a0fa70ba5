using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>Search as you type, in Chromium: the match, how it is marked, and the keyboard.</summary>
[Collection(SearchPageCollection.Name)]
public sealed class SearchTests(SearchPagePlatform platform)
{
    [Fact]
    public async Task Typing_the_old_phone_lists_lead_1410_with_the_match_marked_historical()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByLabel("Find a lead by any name, email or phone it ever had").PressSequentiallyAsync(LeadStory.OldPhone);

        var hit = page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions { HasText = "#1410" });
        await Expect(hit).ToBeVisibleAsync();
        await Expect(hit.Locator("mark")).ToHaveTextAsync(LeadStory.OldPhone);
        await Expect(hit.Locator(".badge.historical")).ToHaveTextAsync("historical");
        await Expect(hit.Locator(".result-name")).ToHaveTextAsync("Stefan Müller");
        await Expect(hit).ToContainTextAsync("Converted");
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("match");
        await Screenshots.SaveAsync(page, "search-results");
    }

    [Theory]
    [InlineData("0327", "03-27", "historical")]
    [InlineData("stefan@new.example", "stefan@new.example", "current")]
    [InlineData("mull", "Müll", "current")]
    public async Task A_part_of_a_phone_an_email_or_a_name_is_highlighted_where_it_matched(string typed, string marked, string badge)
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync(typed);

        var hit = page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions { HasText = "#1410" });
        await Expect(hit.Locator("mark")).ToHaveTextAsync(marked);
        await Expect(hit.Locator(".badge." + badge)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_value_no_lead_ever_had_says_so()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync("nobody@nowhere.example");

        await Expect(page.Locator("#search-status")).ToContainTextAsync("No lead was ever known by");
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_name_with_markup_is_shown_as_text_not_run_as_markup()
    {
        const string name = "<img src=x onerror=\"document.title='owned'\"> Zebulon";
        var reply = await platform.Commands.InitializeLeadAsync(new Leads.Contracts.V1.InitializeLeadRequest
        {
            LeadId = 7_001, Name = name, Email = "zebulon@example.com", Phone = "0707070707", CommandId = "page-markup",
        }, cancellationToken: TestContext.Current.CancellationToken);
        await platform.WaitForProjectionsAsync(reply.Position, TestContext.Current.CancellationToken);
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync("zebulon@example.com");

        var hit = page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions { HasText = "#7001" });
        await Expect(hit.Locator(".result-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#results img")).ToHaveCountAsync(0);
        Assert.NotEqual("owned", await page.TitleAsync());
    }

    [Fact]
    public async Task Arrow_keys_choose_a_result_and_Enter_opens_it()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));
        var box = page.GetByRole(AriaRole.Combobox);
        await box.PressSequentiallyAsync(LeadStory.OldEmail);
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);

        await box.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Option).First).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(box).ToHaveAttributeAsync("aria-activedescendant", "result-0");
        await box.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Stefan Müller");
        Assert.EndsWith("/?lead=1410", page.Url, StringComparison.Ordinal);
    }
}
