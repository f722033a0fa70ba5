using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.Security;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>ImportLeads on one service over SQLite: rows judged by the commands' rules, idempotency, the role.</summary>
[Collection(CommandServiceCollection.Name)]
public sealed class ImportLeadsTests(CommandServiceFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_rows_are_reported_with_line_field_and_message_while_the_good_rows_go_in()
    {
        var good = fixture.NewLeadId();
        var followUp = fixture.NewLeadId();
        var bad = Enumerable.Range(0, 5).Select(_ => fixture.NewLeadId()).ToArray();
        ImportLeadRow[] rows =
        [
            Row(2, good, "Ada Lovelace", "ada@example.com", "+44 20 7946 0018"),
            Row(3, bad[0], "", "empty@example.com", "12345"),
            Row(4, bad[1], "Bad Mail", "not-an-email", "12345"),
            Row(5, followUp, "Grace Hopper", "grace@example.com", "(555) 010-9999", "Follow-up", "2027-03-01"),
            Row(6, bad[2], "Bad Phone", "phone@example.com", "12"),
            Row(7, bad[3], "Bad Status", "status@example.com", "12345", "Maybe"),
            Row(8, bad[4], "Early Followup", "early@example.com", "12345", "", "2027-03-01"),
            Row(9, -5, "Bad Id", "id@example.com", "12345"),
        ];

        var reply = await ImportAsync(fixture.Client, rows);

        Assert.Equal((8L, 2L, 0L, 6L), (reply.Rows, reply.Imported, reply.AlreadyImported, reply.Rejected));
        Assert.Equal(
            ["3 name", "4 email", "6 phone", "7 status", "8 followup_on", "9 lead_id"],
            reply.RejectedRows.Select(r => $"{r.Line} {r.Field}"));
        Assert.All(reply.RejectedRows, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        await using var store = fixture.OpenStore();
        Assert.Equal(
            [LeadEventTypes.LeadWasInitialized, LeadEventTypes.NameChanged, LeadEventTypes.ContactInfoChanged, LeadEventTypes.StatusChanged],
            (await store.ReadStreamAsync(LeadStream.Name(good))).Select(e => e.EventType));
        var followUpEvents = await store.ReadStreamAsync(LeadStream.Name(followUp));
        Assert.Equal([LeadEventTypes.StatusChanged, LeadEventTypes.FollowupSet], followUpEvents.Skip(4).Select(e => e.EventType));
        Assert.Equal(reply.Position, followUpEvents.Concat(await store.ReadStreamAsync(LeadStream.Name(good))).Max(e => e.Position.Value));
        foreach (var leadId in bad)
        {
            Assert.Empty(await store.ReadStreamAsync(LeadStream.Name(leadId)));
        }
    }

    [Fact]
    public async Task Importing_the_same_rows_again_writes_nothing_and_counts_them_as_already_imported()
    {
        var key = $"campaign-{Guid.NewGuid():N}.csv";
        var rows = Enumerable.Range(2, 300).Select(line => Row(line, null, $"Fair Visitor {line}", $"visitor{line}@fair.example", $"+49 30 {100000 + line}")).ToList();
        rows[0].ImportKey = key;

        var first = await ImportAsync(fixture.Client, rows);
        await using var store = fixture.OpenStore();
        var head = await store.HeadAsync();
        var second = await ImportAsync(fixture.Client, rows);

        Assert.Equal((300L, 0L, 0L), (first.Imported, first.AlreadyImported, first.Rejected));
        Assert.Equal((0L, 300L, 0L), (second.Imported, second.AlreadyImported, second.Rejected));
        Assert.Equal(first.Position, second.Position);
        Assert.Equal(head, await store.HeadAsync());
    }

    [Fact]
    public async Task A_row_naming_a_lead_that_exists_with_other_events_is_rejected_as_already_existing()
    {
        var existing = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(existing);
        var fresh = fixture.NewLeadId();

        var reply = await ImportAsync(fixture.Client, [Row(2, existing, "Someone Else", "else@example.com", "12345"), Row(3, fresh, "New One", "new@example.com", "12345")]);

        Assert.Equal((1L, 1L), (reply.Imported, reply.Rejected));
        Assert.Equal("2 lead_id", $"{reply.RejectedRows[0].Line} {reply.RejectedRows[0].Field}");
        Assert.Contains("already exists", reply.RejectedRows[0].Message, StringComparison.Ordinal);
        await using var store = fixture.OpenStore();
        Assert.Equal(4, (await store.ReadStreamAsync(LeadStream.Name(existing))).Count);
    }

    [Fact]
    public async Task A_caller_with_only_leads_read_is_refused_and_nothing_is_written()
    {
        using var channel = TestTokens.Channel(fixture.Service.Address, TestTokens.For([LeadsRoles.Read]));
        var leadId = fixture.NewLeadId();
        await using var store = fixture.OpenStore();
        var head = await store.HeadAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(new LeadCommands.LeadCommandsClient(channel), [Row(2, leadId, "Ada", "ada@example.com", "12345")]));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains(LeadsRoles.Write, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(head, await store.HeadAsync());
    }

    [Fact]
    public async Task An_import_key_that_is_not_printable_ascii_ends_the_call_with_InvalidArgument()
    {
        var row = Row(2, null, "Ada", "ada@example.com", "12345");
        row.ImportKey = "fair\n2026";

        var refused = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(fixture.Client, [row]));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("import_key", refused.Trailers.GetValue("field"));
    }

    private static ImportLeadRow Row(long line, long? leadId, string name, string email, string phone, string status = "", string followup = "")
    {
        var row = new ImportLeadRow { Line = line, Name = name, Email = email, Phone = phone, Status = status, FollowupOn = followup };
        if (leadId is { } id)
        {
            row.LeadId = id;
        }

        return row;
    }

    private static async Task<ImportLeadsReply> ImportAsync(LeadCommands.LeadCommandsClient client, IEnumerable<ImportLeadRow> rows)
    {
        using var call = client.ImportLeads(cancellationToken: Token);
        foreach (var row in rows)
        {
            await call.RequestStream.WriteAsync(row, Token);
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }
}
