using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>
/// The page's side of authentication, ready for a query service that requires a token: the token from the address is
/// sent as a bearer header and leaves the address bar; 401 and 403 answers read as what the agent must do.
/// </summary>
[Collection(SearchPageCollection.Name)]
public sealed class AccessTokenTests(SearchPagePlatform platform)
{
    [Fact]
    public async Task A_token_in_the_address_is_sent_as_a_bearer_header_and_removed_from_the_address_bar()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        var sent = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/v1/leads:search", StringComparison.Ordinal))
            {
                request.Headers.TryGetValue("authorization", out var value);
                sent.TrySetResult(value);
            }
        };

        await page.GotoAsync(PageAccess.Url(platform.PageAddress, token: "agent-token-123"));
        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync("0327");

        Assert.Equal("Bearer agent-token-123", await sent.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "Sign in")]
    [InlineData(403, "Your token lacks the role leads.read.")]
    public async Task A_refused_token_shows_what_to_do(int status, string expected)
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/v1/leads:search**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = status, ContentType = "application/json", Body = "{\"code\":16,\"message\":\"refused\",\"details\":[]}",
        }));
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));

        await page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync("0327");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(expected);
        await Expect(page.GetByLabel("Paste a bearer token with the role leads.read")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_pasted_token_is_used_for_the_next_calls()
    {
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress));
        await page.GetByText("Access token").ClickAsync();
        await page.GetByLabel("Paste a bearer token with the role leads.read").FillAsync("pasted-token");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Use token" }).ClickAsync();

        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Combobox).PressSequentiallyAsync("0327"),
            r => r.Url.Contains("/v1/leads:search", StringComparison.Ordinal));

        Assert.Equal("Bearer pasted-token", await request.HeaderValueAsync("authorization"));
    }
}
