using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Security;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>Who may write, and that the caller recorded in every event is the verified token's subject.</summary>
[Collection(CommandServiceCollection.Name)]
public sealed class CallerAuthenticationTests(CommandServiceFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_event_names_the_token_subject_and_a_forged_x_caller_header_changes_nothing()
    {
        var leadId = fixture.NewLeadId();
        using var alice = TestTokens.Channel(fixture.Service.Address, TestTokens.For([LeadsRoles.Write], subject: "alice@sales.example"));
        var client = new LeadCommands.LeadCommandsClient(alice);

        await client.InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = leadId, Name = "Ada", Email = "ada@example.com", Phone = "12345" },
            new Metadata { { "x-caller", "mallory" } },
            cancellationToken: Token);
        await client.ChangeNameAsync(new ChangeNameRequest { LeadId = leadId, Name = "Ada L." }, cancellationToken: Token);

        await using var store = fixture.OpenStore();
        var events = await store.ReadStreamAsync(LeadStream.Name(leadId));
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal("alice@sales.example", e.Metadata.UserId));
    }

    [Fact]
    public async Task Without_a_token_a_command_is_Unauthenticated_and_writes_nothing()
    {
        var leadId = fixture.NewLeadId();
        using var anonymous = TestTokens.Channel(fixture.Service.Address, token: null);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new LeadCommands.LeadCommandsClient(anonymous)
            .InitializeLeadAsync(new InitializeLeadRequest { LeadId = leadId, Name = "Ada", Email = "ada@example.com", Phone = "12345" }, cancellationToken: Token)
            .ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("bearer token", refused.Status.Detail, StringComparison.Ordinal);
        await using var store = fixture.OpenStore();
        Assert.Empty(await store.ReadStreamAsync(LeadStream.Name(leadId)));
    }

    [Fact]
    public async Task A_reader_token_may_not_write()
    {
        var leadId = fixture.NewLeadId();
        using var reader = TestTokens.Channel(fixture.Service.Address, TestTokens.For([LeadsRoles.Read]));

        var refused = await Assert.ThrowsAsync<RpcException>(() => new LeadCommands.LeadCommandsClient(reader)
            .InitializeLeadAsync(new InitializeLeadRequest { LeadId = leadId, Name = "Ada", Email = "ada@example.com", Phone = "12345" }, cancellationToken: Token)
            .ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains(LeadsRoles.Write, refused.Status.Detail, StringComparison.Ordinal);
        await using var store = fixture.OpenStore();
        Assert.Empty(await store.ReadStreamAsync(LeadStream.Name(leadId)));
    }
}
