using System.Text;
using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Privacy;
using Leads.Privacy.Stores;
using LeadStatus = Leads.Contracts.V1.LeadStatus;

namespace Leads.CommandService.Tests;

/// <summary>ForgetLead and GetErasureReceipt against a running command service: the receipt, idempotency, refusals, crash safety.</summary>
[Collection(CommandServiceCollection.Name)]
public sealed class ForgetLeadTests(CommandServiceFixture fixture) : IDisposable
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // The erasing operator: the receipt's erased_by is the token's subject.
    private readonly global::Grpc.Net.Client.GrpcChannel _adminChannel =
        Leads.Testing.TestTokens.Channel(fixture.Service.Address, Leads.Testing.TestTokens.For([Leads.Security.LeadsRoles.Admin], "ops-anna"));

    private Contracts.V1.LeadCommands.LeadCommandsClient Admin => new(_adminChannel);

    public void Dispose() => _adminChannel.Dispose();

    private Task<ForgetLeadReply> ForgetAsync(long leadId, string reason = "customer asked to be forgotten") =>
        Admin.ForgetLeadAsync(new ForgetLeadRequest { LeadId = leadId, Reason = reason }, cancellationToken: Token).ResponseAsync;

    [Fact]
    public async Task Forgetting_returns_a_receipt_of_what_when_by_whom_and_why()
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(leadId);
        await fixture.Client.ChangeContactAsync(leadId, "new@example.com", "050-8139904");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        var receipt = (await ForgetAsync(leadId)).Receipt;

        Assert.Equal((leadId, "ops-anna", "customer asked to be forgotten", true, 5ul),
            (receipt.LeadId, receipt.ErasedBy, receipt.Reason, receipt.KeyDeleted, receipt.Revision));
        Assert.Equal(["name", "email", "phone", "phone_digits"], receipt.ErasedFields);
        Assert.Equal(["NameChanged.v1@1", "ContactInfoChanged.v1@2", "ContactInfoChanged.v1@4"], receipt.ErasedEvents);
        Assert.InRange(receipt.ErasedAt.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task The_receipt_can_be_read_later()
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(leadId);
        var forgotten = await ForgetAsync(leadId);

        var receipt = await Admin.GetErasureReceiptAsync(new GetErasureReceiptRequest { LeadId = leadId }, cancellationToken: Token);

        Assert.Equal(forgotten.Receipt, receipt);
    }

    [Fact]
    public async Task Forgetting_again_returns_the_original_receipt_and_writes_nothing()
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(leadId);
        var first = await ForgetAsync(leadId);

        var again = await ForgetAsync(leadId, "another reason");

        Assert.Equal((first.Receipt, true), (again.Receipt, again.AlreadyForgotten));
        await using var store = fixture.OpenStore();
        Assert.Equal(5, (await store.ReadStreamAsync(LeadStream.Name(leadId))).Count);
    }

    [Fact]
    public async Task Commands_on_a_forgotten_lead_are_refused_as_forgotten()
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(leadId);
        await ForgetAsync(leadId);

        var rename = await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => fixture.Client.RenameAsync(leadId, "Back"));
        var contact = await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => fixture.Client.ChangeContactAsync(leadId, "x@example.com", "0501234"));
        var status = await Calls.RefusedAsync(StatusCode.FailedPrecondition, () => fixture.Client.ChangeStatusAsync(leadId, LeadStatus.Closed));
        await Calls.RefusedAsync(StatusCode.AlreadyExists, () => fixture.Client.InitializeAsync(leadId));

        Assert.All(new[] { rename, contact, status }, e => Assert.Contains("lead was forgotten", e.Status.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_lead_is_not_found()
    {
        var error = await Calls.RefusedAsync(StatusCode.NotFound, () => ForgetAsync(fixture.NewLeadId()));

        Assert.Contains("does not exist", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task A_reason_is_required(string? reason)
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(leadId);

        var error = await Calls.RefusedAsync(StatusCode.InvalidArgument, () => ForgetAsync(leadId, reason ?? new string('r', 501)));

        Assert.Equal("reason", error.Trailer("field"));
        await using var store = fixture.OpenStore();
        Assert.Equal(4, (await store.ReadStreamAsync(LeadStream.Name(leadId))).Count);
    }

    [Fact]
    public async Task A_bad_lead_id_is_invalid()
    {
        var error = await Calls.RefusedAsync(StatusCode.InvalidArgument, () => ForgetAsync(0));

        Assert.Equal("lead_id", error.Trailer("field"));
    }

    [Fact]
    public async Task A_lead_that_was_not_forgotten_has_no_receipt()
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(leadId);

        await Calls.RefusedAsync(StatusCode.NotFound, () => fixture.Client.GetErasureReceiptAsync(new GetErasureReceiptRequest { LeadId = leadId }, cancellationToken: Token).ResponseAsync);
    }

    [Fact]
    public async Task Personal_data_is_stored_only_as_ciphertext()
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = leadId, Name = "Zebulon Quirk", Email = $"zq{leadId}@secret.example", Phone = "099-7771234" },
            cancellationToken: Token);

        await using var store = fixture.OpenStore();
        var stored = string.Concat((await store.ReadStreamAsync(LeadStream.Name(leadId))).Select(e => Encoding.UTF8.GetString(e.Data.Span)));

        Assert.DoesNotContain("Zebulon", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("secret.example", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("7771234", stored, StringComparison.Ordinal);
        Assert.Contains("pii1:", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_fingerprint_is_stored_keyed_by_the_lead_so_it_cannot_test_guesses_of_its_personal_data()
    {
        var leadId = fixture.NewLeadId();
        await fixture.Client.InitializeAsync(leadId);
        var request = new ChangeContactInfoRequest { LeadId = leadId, Email = "guess.me@example.com", Phone = "050-1112233", CommandId = $"contact-{leadId}" };
        var reply = await fixture.Client.ChangeContactInfoAsync(request, cancellationToken: Token);
        var plain = ChangeContactInfo.ChangeContactInfoInput.ToIncoming(request).Fingerprint;

        await using var store = fixture.OpenStore();
        var stored = (await store.ReadStreamAsync(LeadStream.Name(leadId))).Single(e => e.Metadata.CommandId == request.CommandId);
        Assert.False(string.IsNullOrEmpty(stored.Metadata.CommandFingerprint));
        Assert.NotEqual(plain, stored.Metadata.CommandFingerprint);

        // Still the same command while the lead has its key: the retry gets the original reply and writes nothing.
        var retried = await fixture.Client.ChangeContactInfoAsync(request, cancellationToken: Token);
        Assert.Equal(reply.Position, retried.Position);
        var changed = request.Clone();
        changed.Phone = "050-9998877";
        var error = await Assert.ThrowsAsync<RpcException>(() => fixture.Client.ChangeContactInfoAsync(changed, cancellationToken: Token).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }
}
