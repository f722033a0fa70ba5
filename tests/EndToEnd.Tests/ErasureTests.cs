using System.Text;
using Leads.Contracts.V1;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// Erasure end to end, on real service processes: lead 1410 is forgotten; then no search finds it by any email or
/// phone it ever had, its view and history hold no personal data, a full reset of every projection brings none back,
/// and the receipt is there. The event store never held the plaintext (the SQLite files on disk; on EventStoreDB every
/// event of $all read back).
/// </summary>
public abstract class ErasureTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private static readonly string[] PersonalValues =
    [
        LeadStory.OldEmail, LeadStory.NewEmail, LeadStory.OldPhone, LeadStory.NewPhone, "0327243457", "0508139904", "Stefan", "Müller",
    ];

    private static readonly string[] Searches = [LeadStory.OldEmail, LeadStory.NewEmail, LeadStory.OldPhone, LeadStory.NewPhone, "0327", "050 813", "stefan", "muller"];

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_event_store_never_holds_the_plaintext_personal_data()
    {
        await LeadStory.WriteOnceAsync(platform, Cancel);

        var stored = await platform.Store.StoredBytesAsync(Cancel);

        Assert.All(PersonalValues, value => Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value))));
        Assert.NotEqual(-1, stored.AsSpan().IndexOf("pii1:"u8));
    }

    [Fact]
    public async Task Forgetting_lead_1410_erases_it_everywhere_and_a_full_reset_brings_nothing_back()
    {
        var story = await LeadStory.WriteOnceAsync(platform, Cancel);
        var foundBefore = await SearchAsync(LeadStory.OldPhone);
        Assert.Contains(foundBefore.Hits, h => h.LeadId == LeadStory.LeadId);

        // The erasing operator: the receipt's erased_by is the token's subject.
        using var operatorChannel = TestTokens.Channel(platform.CommandService.Address, TestTokens.For([Leads.Security.LeadsRoles.Admin], "ops-anna"));
        var forgotten = await new LeadCommands.LeadCommandsClient(operatorChannel).ForgetLeadAsync(
            new ForgetLeadRequest { LeadId = LeadStory.LeadId, Reason = "GDPR art. 17 request #1410" },
            cancellationToken: Cancel);
        await platform.WaitForProjectionsAsync(forgotten.Receipt.Position, Cancel);

        await AssertErasedEverywhereAsync(story);

        foreach (var projection in new[] { LeadPlatform.ViewsProjection, LeadPlatform.SearchProjection })
        {
            var reset = await platform.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = projection, FromStart = true }, cancellationToken: Cancel);
            await WaitUntilRebuiltAsync(projection, reset);
        }

        await AssertErasedEverywhereAsync(story);
        var receipt = await platform.Commands.GetErasureReceiptAsync(new GetErasureReceiptRequest { LeadId = LeadStory.LeadId }, cancellationToken: Cancel);
        Assert.Equal(forgotten.Receipt, receipt);
        Assert.Equal(("ops-anna", "GDPR art. 17 request #1410"), (receipt.ErasedBy, receipt.Reason));
        Assert.Equal(["name", "email", "phone", "phone_digits"], receipt.ErasedFields);
        Assert.Equal(["NameChanged.v1@1", "ContactInfoChanged.v1@2", "ContactInfoChanged.v1@6"], receipt.ErasedEvents);
    }

    private async Task AssertErasedEverywhereAsync(LeadStory story)
    {
        foreach (var query in Searches)
        {
            var found = await SearchAsync(query);
            Assert.DoesNotContain(found.Hits, h => h.LeadId == LeadStory.LeadId);
        }

        var view = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = LeadStory.LeadId }, cancellationToken: Cancel);
        Assert.Equal(("[erased]", "[erased]", "[erased]", "", true, LeadStatus.Converted),
            (view.Name, view.Email, view.Phone, view.PhoneDigits, view.Forgotten, view.Status));

        var log = await platform.Queries.GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = LeadStory.LeadId }, cancellationToken: Cancel);
        Assert.Equal([LeadStatus.Available, LeadStatus.FollowUp, LeadStatus.Converted], log.Entries.Select(e => e.Status));

        var history = await platform.Queries.GetLeadHistoryAsync(new GetLeadHistoryRequest { LeadId = LeadStory.LeadId, PageSize = 100 }, cancellationToken: Cancel);
        var audit = string.Join('\n', history.Events.Select(e => e.DataJson));
        AssertNoPersonalData(audit);
        Assert.DoesNotContain("pii1:", audit, StringComparison.Ordinal);
        Assert.Contains("\"email\":\"[erased]\"", audit, StringComparison.Ordinal);

        var asOf = await platform.Queries.GetLeadAsOfAsync(
            new GetLeadAsOfRequest { LeadId = LeadStory.LeadId, Revision = story.NewContact.Revision }, cancellationToken: Cancel);
        Assert.Equal(("[erased]", "[erased]", "[erased]"), (asOf.Name, asOf.Email, asOf.Phone));
        AssertNoPersonalData(view.ToString() + asOf + log);
    }

    private static void AssertNoPersonalData(string text) =>
        Assert.All(PersonalValues, value => Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase));

    private Task<SearchLeadsReply> SearchAsync(string query) =>
        platform.Queries.SearchLeadsAsync(new SearchLeadsRequest { Query = query, PageSize = 100 }, cancellationToken: Cancel).ResponseAsync;

    private Task WaitUntilRebuiltAsync(string projection, ProjectionRequestReply reset) =>
        platform.WaitUntilRebuiltAsync(projection, reset, Cancel);

    [Collection(SqliteErasureCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : ErasureTests(platform);

    [Collection(EventStoreDbErasureCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : ErasureTests(platform);
}
