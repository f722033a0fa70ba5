using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>With the query service gone, the already loaded page says so instead of going blank.</summary>
[Collection(SearchPageCollection.Name)]
public sealed class ErrorStateTests(SearchPagePlatform platform)
{
    [Fact]
    public async Task When_the_query_service_is_stopped_the_page_says_it_is_not_reachable()
    {
        // A query service of this test's own, so that killing it leaves the others' running.
        var (service, address) = await platform.StartQueryServiceAsync(TestContext.Current.CancellationToken);
        await using var _ = service;
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(address));
        var box = page.GetByRole(AriaRole.Combobox);
        await box.PressSequentiallyAsync(LeadStory.OldPhone);
        await Expect(page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions { HasText = "#1410" })).ToBeVisibleAsync();

        await service.KillAsync();
        await box.PressSequentiallyAsync("9");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The query service is not reachable.");
        await Expect(page.Locator("#search-status")).ToHaveTextAsync("The query service is not reachable.");
        await Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "query-service-down");
    }

    [Fact]
    public async Task A_server_error_reads_as_the_query_service_being_unreachable()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/v1/leads:search**", route => route.FulfillAsync(new RouteFulfillOptions { Status = 503, Body = "" }));
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync("0327");

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The query service is not reachable.");
    }
}
