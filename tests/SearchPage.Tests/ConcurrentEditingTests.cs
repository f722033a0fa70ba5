using Leads.Contracts.V1;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static SearchPage.Tests.LeadEditingTests;

namespace SearchPage.Tests;

/// <summary>
/// Two agents (two browser contexts, two tokens) on one lead at once, as the talk's "optimistic concurrency on steroids"
/// describes it: a change that does not conflict with what happened meanwhile is merged and the page says so; one that
/// does is refused, showing the conflicting change, who made it and when, with a way to review and retry. Each page
/// follows the lead live, and a read-only agent sees no edit controls.
/// </summary>
[Collection(SearchPageCollection.Name)]
public sealed class ConcurrentEditingTests(SearchPagePlatform platform)
{
    [Fact]
    public async Task A_rename_sent_after_another_agents_status_change_is_merged_and_the_page_says_so()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Merge Me", inFollowUp: true);
        await using var aliceContext = await platform.NewContextAsync();
        await using var bobContext = await platform.NewContextAsync();

        var (alice, bob) = await BobEditsWhileAliceClosesAsync(aliceContext, bobContext, id, page => Form(page, "Rename").GetByLabel("Name").FillAsync("Merge Me Renamed"));
        await Expect(bob.Locator("#live-status")).ToContainTextAsync("changed elsewhere");
        await Expect(Form(bob, "Rename").GetByLabel("Name")).ToHaveValueAsync("Merge Me Renamed");
        await SubmitAsync(bob, "Rename", "Rename");

        var outcome = bob.Locator("#edit-outcome");
        await Expect(outcome).ToContainTextAsync("Saved and merged");
        await Expect(outcome).ToContainTextAsync("StatusChanged by alice");
        await Expect(bob.Locator("#current-state")).ToContainTextAsync("Merge Me Renamed");
        await Expect(bob.Locator("#current-state")).ToContainTextAsync("Closed");
        await Expect(alice.Locator("#current-state")).ToContainTextAsync("Merge Me Renamed");
        await Screenshots.SaveAsync(bob, "lead-merged");
    }

    [Fact]
    public async Task A_follow_up_sent_after_another_agents_status_change_is_refused_showing_that_change_and_can_be_reviewed()
    {
        var (id, last) = await PageLeads.CreateAsync(platform, "Conflict Me", inFollowUp: true);
        await using var aliceContext = await platform.NewContextAsync();
        await using var bobContext = await platform.NewContextAsync();

        var (_, bob) = await BobEditsWhileAliceClosesAsync(aliceContext, bobContext, id, page => Form(page, "Follow-up").GetByLabel("Follow-up on").FillAsync("2026-12-24"));
        await SubmitAsync(bob, "Follow-up", "Set follow-up");

        var conflict = bob.GetByRole(AriaRole.Alert).Filter(new LocatorFilterOptions { HasText = "Not saved" });
        await Expect(conflict).ToContainTextAsync($"since you opened this lead (revision {last.Revision})");
        var events = bob.GetByRole(AriaRole.List, new PageGetByRoleOptions { Name = "Conflicting changes" }).GetByRole(AriaRole.Listitem);
        await Expect(events).ToHaveCountAsync(1);
        await Expect(events.First).ToContainTextAsync("StatusChanged by alice at");
        await Expect(events.First).ToContainTextAsync("Closed");
        await Expect(events.First.Locator("time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex(@"^\d{4}-\d\d-\d\dT"));
        await Screenshots.SaveAsync(bob, "lead-conflict");

        await bob.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Review the lead as it is now and retry" }).ClickAsync();
        await Expect(bob.Locator("#edit-outcome")).ToContainTextAsync("what you entered is kept");
        await Expect(Form(bob, "Follow-up").GetByLabel("Follow-up on")).ToHaveValueAsync("2026-12-24");
        await SubmitAsync(bob, "Follow-up", "Set follow-up");
        await Expect(Form(bob, "Follow-up").Locator(".form-error")).ToContainTextAsync("a follow-up can only be set while it is FollowUp");

        Assert.DoesNotContain(await PageLeads.HistoryAsync(platform, id), e => e.Type.StartsWith("FollowupSet", StringComparison.Ordinal) && e.Revision > last.Revision);
    }

    /// <summary>Alice and Bob open the lead; Bob starts editing; Alice closes the lead, and Bob's page follows live.</summary>
    private async Task<(IPage Alice, IPage Bob)> BobEditsWhileAliceClosesAsync(IBrowserContext aliceContext, IBrowserContext bobContext, long id, Func<IPage, Task> bobStartsEditing)
    {
        var alice = await OpenLeadAsync(platform, aliceContext, id, PageLeads.Writer("alice"));
        var bob = await OpenLeadAsync(platform, bobContext, id, PageLeads.Writer("bob"));
        await bobStartsEditing(bob);

        await Form(alice, "Status").GetByLabel("Status").SelectOptionAsync("CLOSED");
        await SubmitAsync(alice, "Status", "Change status");
        await Expect(bob.Locator("#lead-title .badge")).ToHaveTextAsync("Closed");
        return (alice, bob);
    }

    [Fact]
    public async Task A_read_only_agent_sees_no_edit_controls_its_page_updates_by_itself_and_the_server_refuses_its_commands()
    {
        var (id, _) = await PageLeads.CreateAsync(platform, "Read Only Page");
        await using var context = await platform.NewContextAsync();
        var page = await context.NewPageAsync();
        var streams = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/changes", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref streams);
            }
        };
        await page.GotoAsync(PageAccess.Url(platform.PageAddress, $"/?lead={id}", PageLeads.Reader));
        await Expect(page.Locator("#lead-body")).ToBeVisibleAsync();

        await Expect(page.Locator("#edit-card")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Form)).ToHaveCountAsync(1);   // time travel only
        await Expect(page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "New lead" })).ToHaveCountAsync(0);
        await Expect(page.Locator("#live-status")).ToContainTextAsync("Live");
        await Screenshots.SaveAsync(page, "lead-read-only");

        await platform.Commands.ChangeNameAsync(new ChangeNameRequest { LeadId = id, Name = "Renamed Elsewhere" }, cancellationToken: TestContext.Current.CancellationToken);
        await Expect(page.Locator("#lead-title")).ToContainTextAsync("Renamed Elsewhere");
        await Expect(page.Locator("#live-status")).ToContainTextAsync("changed elsewhere");
        Assert.Equal(1, Volatile.Read(ref streams));

        var status = await page.EvaluateAsync<int>(
            """
            async (id) => (await fetch('/v1/leads/' + id + '/name', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + sessionStorage.getItem('leads.searchPage.token') },
              body: JSON.stringify({ name: 'Sneaky' }),
            })).status
            """, id);
        Assert.Equal(403, status);
        Assert.DoesNotContain(await PageLeads.HistoryAsync(platform, id), e => e.DataJson.Contains("Sneaky", StringComparison.Ordinal));
    }
}
