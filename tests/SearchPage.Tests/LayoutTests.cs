using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>The page on a phone: 375 px wide, nothing wider than the screen.</summary>
[Collection(SearchPageCollection.Name)]
public sealed class LayoutTests(SearchPagePlatform platform)
{
    [Fact]
    public async Task At_375_px_wide_the_results_and_the_lead_page_fit_the_screen()
    {
        await using var context = await platform.NewContextAsync(width: 375, height: 812);
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));
        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync(LeadStory.OldPhone);
        await Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        Assert.True(await FitsAsync(page), "the search results are wider than 375 px");
        await Screenshots.SaveAsync(page, "search-results-375px");

        await page.GetByRole(AriaRole.Combobox).PressAsync("ArrowDown");
        await page.GetByRole(AriaRole.Combobox).PressAsync("Enter");
        await Expect(page.Locator("#audit > li").First).ToBeVisibleAsync();

        Assert.True(await FitsAsync(page), "the lead page is wider than 375 px");
        await Screenshots.SaveAsync(page, "lead-page-375px");
    }

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
