using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>
/// An erasure leaves no plaintext on disk: the whole platform on its embedded engines (event store, keys, views,
/// Lucene search, integration publisher, control plane, all in one data directory), a lead written with an old and a
/// new name, email and phone, then ForgetLead. Once the projections have applied it, and again after a reset of every
/// projection, every file of the data directory read byte by byte (while the services run) holds none of its names,
/// emails, phones or phone digits, in UTF-8 or UTF-16; nor does anything the services printed. The event store holds
/// only the sealed values (<c>pii1:</c>). Before the erasure the same scan finds the lead, so it can see what it looks for.
/// </summary>
[Collection(SqliteErasureCollection.Name)]
public sealed class DiskErasureTests(SqlitePlatform platform)
{
    private const long LeadId = 771_604;
    private const string OldName = "Quirinus Zabriskie";
    private const string NewName = "Ottilie Vantongerloo";
    private const string OldEmail = "quirinus.oldmail@zabriskie.example";
    private const string NewEmail = "ottilie.newmail@vantongerloo.example";
    private const string OldPhone = "030-7391 5586";
    private const string NewPhone = "0171-448 2937";

    private static readonly string[] Values =
    [
        OldName, NewName, OldEmail, NewEmail, OldPhone, NewPhone, "03073915586", "01714482937",
        "quirinus zabriskie", "ottilie vantongerloo", "Zabriskie", "zabriskie", "Vantongerloo", "vantongerloo",
    ];

    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_ForgetLead_no_file_of_the_data_directory_holds_the_leads_personal_data_before_or_after_a_replay()
    {
        await using var publisher = await ServiceProcess.StartAsync("Leads.IntegrationPublisher", platform.Settings, cancellationToken: Cancel);
        var written = await WriteLeadAsync();
        await WaitForAllAsync(written);
        var before = await DataDirectoryScan.FindAsync(platform.DataDirectory, Values, Cancel);
        Assert.Contains(before, f => f.StartsWith("views.db", StringComparison.Ordinal) && f.Contains(NewEmail, StringComparison.Ordinal));
        Assert.Contains(before, f => f.StartsWith("search", StringComparison.Ordinal) && f.Contains(OldEmail, StringComparison.Ordinal));

        using var admin = TestTokens.Channel(platform.CommandService.Address, TestTokens.For([LeadsRoles.Admin], "ops-disk"));
        var forgotten = await new LeadCommands.LeadCommandsClient(admin).ForgetLeadAsync(
            new ForgetLeadRequest { LeadId = LeadId, Reason = "GDPR art. 17, disk test" }, cancellationToken: Cancel);
        await WaitForAllAsync(forgotten.Receipt.Position);
        await AssertNoPlaintextAsync("after the erasure was applied", publisher);
        await AssertExportHoldsTheReceiptAndErasedValuesOnlyAsync(forgotten.Receipt);

        foreach (var projection in new[] { LeadPlatform.ViewsProjection, LeadPlatform.SearchProjection, PublisherProjection })
        {
            var reset = await platform.Admin.ResetProjectionAsync(new ResetProjectionRequest { Name = projection, FromStart = true }, cancellationToken: Cancel);
            await platform.WaitUntilRebuiltAsync(projection, reset, Cancel);
        }

        await AssertNoPlaintextAsync("after a reset of every projection", publisher);
        var sealedEvents = await DataDirectoryScan.FindAsync(platform.DataDirectory, ["pii1:"], Cancel);
        Assert.Contains(sealedEvents, f => f.StartsWith("events.db", StringComparison.Ordinal));
    }

    private const string PublisherProjection = "integration-publisher";

    private async Task AssertNoPlaintextAsync(string when, ServiceProcess publisher)
    {
        var found = await DataDirectoryScan.FindAsync(platform.DataDirectory, Values, Cancel);
        Assert.True(found.Count == 0,
            $"{when}, the data directory still holds personal data of the forgotten lead:{Environment.NewLine}{string.Join(Environment.NewLine, found)}"
            + $"{Environment.NewLine}files read: {string.Join(", ", DataDirectoryScan.Files(platform.DataDirectory))}");
        var printed = platform.Output() + publisher.Output;
        Assert.All(Values, value => Assert.DoesNotContain(value, printed, StringComparison.OrdinalIgnoreCase));
    }

    private async Task AssertExportHoldsTheReceiptAndErasedValuesOnlyAsync(ErasureReceipt receipt)
    {
        using var admin = platform.QueryService.ChannelAs(LeadsRoles.Admin);
        var export = await new LeadQueries.LeadQueriesClient(admin).ExportLeadDataAsync(new ExportLeadDataRequest { LeadId = LeadId }, cancellationToken: Cancel);

        Assert.All(Values, value => Assert.DoesNotContain(value, export.Json, StringComparison.OrdinalIgnoreCase));
        var json = System.Text.Json.Nodes.JsonNode.Parse(export.Json)!;
        Assert.True(json["forgotten"]!.GetValue<bool>());
        Assert.Equal(("[erased]", "[erased]", "[erased]"), (Text(json["view"]!, "name"), Text(json["view"]!, "email"), Text(json["view"]!, "phone")));
        var receiptJson = json["erasureReceipt"]!;
        Assert.Equal((receipt.Reason, receipt.ErasedBy, receipt.Position), (Text(receiptJson, "reason"), Text(receiptJson, "erasedBy"), receiptJson["position"]!.GetValue<ulong>()));
        Assert.Equal(receipt.ErasedEvents, receiptJson["erasedEvents"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Empty(json["search"]!["emails"]!.AsArray());
        var emails = json["events"]!.AsArray().Select(e => e!["data"]!["email"]).OfType<System.Text.Json.Nodes.JsonNode>().Select(e => e.GetValue<string>());
        Assert.All(emails, email => Assert.Equal("[erased]", email));
    }

    private static string Text(System.Text.Json.Nodes.JsonNode node, string name) => node[name]!.GetValue<string>();

    private async Task<ulong> WriteLeadAsync()
    {
        var commands = platform.Commands;
        await commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = LeadId, Name = OldName, Email = OldEmail, Phone = OldPhone, CommandId = "disk-771604-init",
        }, cancellationToken: Cancel);
        await commands.ChangeNameAsync(new ChangeNameRequest { LeadId = LeadId, Name = NewName, CommandId = "disk-771604-name" }, cancellationToken: Cancel);
        var contact = await commands.ChangeContactInfoAsync(new ChangeContactInfoRequest
        {
            LeadId = LeadId, Email = NewEmail, Phone = NewPhone, CommandId = "disk-771604-contact",
        }, cancellationToken: Cancel);
        return contact.Position;
    }

    private async Task WaitForAllAsync(ulong position)
    {
        await platform.WaitForProjectionsAsync(position, Cancel);
        await platform.WaitForProjectionAsync(PublisherProjection, position, Cancel);
    }
}
