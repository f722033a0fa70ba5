using System.Globalization;
using Grpc.Core;
using Leads.Contracts.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SearchPage.Tests;

/// <summary>
/// Agents acting on leads from the page in Chromium: creating and editing a lead, the command service's messages beside
/// their fields, and a double click or a retry after a lost answer writing once.
/// </summary>
[Collection(SearchPageCollection.Name)]
public sealed class LeadEditingTests(SearchPagePlatform platform)
{
    internal static async Task<IPage> OpenLeadAsync(SearchPagePlatform platform, IBrowserContext context, long id, string token)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress, $"/?lead={id}", token));
        await Expect(page.Locator("#lead-body")).ToBeVisibleAsync();
        return page;
    }

    internal static ILocator Form(IPage page, string name) => page.GetByRole(AriaRole.Form, new PageGetByRoleOptions { Name = name, Exact = true });

    internal static Task SubmitAsync(IPage page, string form, string button) =>
        Form(page, form).GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    private async Task<IPage> OpenAsAliceAsync(IBrowserContext context, string pathAndQuery)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageAccess.Url(platform.PageAddress, pathAndQuery, PageLeads.Writer("alice")));
        return page;
    }

    [Fact]
    public async Task An_agent_creates_a_lead_then_renames_it_and_changes_its_contact_info_status_and_follow_up()
    {
        var id = PageLeads.NextId();
        await using var context = await platform.NewContextAsync();
        var page = await OpenAsAliceAsync(context, "/");

        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "New lead" }).ClickAsync();
        var create = Form(page, "New lead");
        await create.GetByLabel("Lead id").FillAsync(id.ToString(CultureInfo.InvariantCulture));
        await create.GetByLabel("Name").FillAsync("Grace Page");
        await create.GetByLabel("Email").FillAsync("grace@page.example");
        await create.GetByLabel("Phone").FillAsync("030 7654321");
        await SubmitAsync(page, "New lead", "Create lead");
        await Expect(page.Locator("#lead-title")).ToContainTextAsync("Grace Page");

        await Form(page, "Rename").GetByLabel("Name").FillAsync("Grace Hopper");
        await Form(page, "Rename").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Rename" }).DblClickAsync();
        await Expect(page.Locator("#current-state")).ToContainTextAsync("Grace Hopper");
        await Expect(page.Locator("#edit-outcome")).ToContainTextAsync("Saved: name changed");

        await Form(page, "Contact info").GetByLabel("Email").FillAsync("grace@navy.example");
        await Form(page, "Contact info").GetByLabel("Phone").FillAsync("+1 202 555 0100");
        await SubmitAsync(page, "Contact info", "Save contact info");
        await Expect(page.Locator("#edit-outcome")).ToContainTextAsync("Saved: contact info changed");
        await Expect(page.Locator("#current-state")).ToContainTextAsync("grace@navy.example");

        await Form(page, "Status").GetByLabel("Status").SelectOptionAsync("FOLLOW_UP");
        await SubmitAsync(page, "Status", "Change status");
        await Expect(page.Locator("#edit-outcome")).ToContainTextAsync("Saved: status changed");
        await Expect(page.Locator("#lead-title .badge")).ToHaveTextAsync("Follow-up");

        await Form(page, "Follow-up").GetByLabel("Follow-up on").FillAsync("2026-12-24");
        await SubmitAsync(page, "Follow-up", "Set follow-up");
        await Expect(page.Locator("#edit-outcome")).ToContainTextAsync("Saved: follow-up date changed");
        await Expect(page.Locator("#current-state")).ToContainTextAsync("2026-12-24");
        await Screenshots.SaveAsync(page, "lead-edited");

        var history = await PageLeads.HistoryAsync(platform, id);
        Assert.Equal(
            ["LeadWasInitialized", "NameChanged", "ContactInfoChanged", "StatusChanged", "NameChanged", "ContactInfoChanged", "StatusChanged", "FollowupSet"],
            history.Select(e => e.Type.Split('.')[0]));
        Assert.All(history, e => Assert.Equal("alice", e.Metadata.UserId));
        Assert.Equal(history.Count, history.Select(e => e.Metadata.CommandId).Distinct().Count() + 3);
    }

    [Fact]
    public async Task The_command_services_messages_appear_beside_their_fields_and_nothing_is_written()
    {
        var id = PageLeads.NextId();
        await using var context = await platform.NewContextAsync();
        var page = await OpenAsAliceAsync(context, "/?new");
        var create = Form(page, "New lead");
        await create.GetByLabel("Lead id").FillAsync(id.ToString(CultureInfo.InvariantCulture));
        await create.GetByLabel("Email").FillAsync("not-an-email");
        await create.GetByLabel("Phone").FillAsync("030 7654321");

        await SubmitAsync(page, "New lead", "Create lead");
        var name = create.GetByLabel("Name");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToHaveAccessibleDescriptionAsync("name must not be empty");
        await Expect(page.Locator("#create-name-error")).ToHaveAttributeAsync("aria-live", "polite");

        await name.FillAsync("Valid Name");
        await SubmitAsync(page, "New lead", "Create lead");
        await Expect(create.GetByLabel("Email")).ToHaveAccessibleDescriptionAsync("email 'not-an-email' is not a valid email address");
        await Expect(name).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Screenshots.SaveAsync(page, "lead-validation");

        var queries = new LeadQueries.LeadQueriesClient(platform.QueryService.Channel);
        var missing = await Assert.ThrowsAsync<RpcException>(() => queries.GetLeadAsync(new GetLeadRequest { LeadId = id }, cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_phone_with_too_few_digits_is_refused_beside_the_phone_field_of_the_lead_page()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Phone Check");
        await using var context = await platform.NewContextAsync();
        var page = await OpenLeadAsync(platform, context, id, PageLeads.Writer("alice"));

        await Form(page, "Contact info").GetByLabel("Phone").FillAsync("12");
        await SubmitAsync(page, "Contact info", "Save contact info");

        await Expect(Form(page, "Contact info").GetByLabel("Phone")).ToHaveAccessibleDescriptionAsync("phone must have 5 to 20 digits (got 2)");
        await Expect(Form(page, "Contact info").GetByLabel("Email")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(4, (await PageLeads.HistoryAsync(platform, id)).Count);
    }

    [Fact]
    public async Task A_retry_after_a_lost_answer_sends_the_same_command_id_and_writes_once()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Lost Answer");
        await using var context = await platform.NewContextAsync();
        var page = await OpenLeadAsync(platform, context, id, PageLeads.Writer("alice"));
        var sent = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/name", StringComparison.Ordinal))
            {
                lock (sent)
                {
                    sent.Add(System.Text.Json.JsonDocument.Parse(request.PostData!).RootElement.GetProperty("commandId").GetString()!);
                }
            }
        };
        // The first rename reaches the command service and is written, but its answer never reaches the page.
        await page.RouteAsync("**/v1/leads/*/name", async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync();
        }, new PageRouteOptions { Times = 1 });

        await Form(page, "Rename").GetByLabel("Name").FillAsync("Written Once");
        await SubmitAsync(page, "Rename", "Rename");
        await Expect(Form(page, "Rename").Locator(".form-error")).ToContainTextAsync("Not saved yet");
        await SubmitAsync(page, "Rename", "Retry");

        await Expect(page.Locator("#edit-outcome")).ToContainTextAsync("Saved: name changed");
        await Expect(page.Locator("#current-state")).ToContainTextAsync("Written Once");
        lock (sent)
        {
            Assert.Equal(2, sent.Count);
            Assert.Equal(sent[0], sent[1]);
        }

        var renames = (await PageLeads.HistoryAsync(platform, id)).Where(e => e.Type.StartsWith("NameChanged", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, renames.Count);
        Assert.Equal(sent[0], renames[^1].Metadata.CommandId);
    }
}
