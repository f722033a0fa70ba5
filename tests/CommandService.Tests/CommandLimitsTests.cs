using Grpc.Core;
using Leads.CommandService.Limits;
using Leads.Contracts.V1;
using Leads.Domain;
using Leads.Security;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>The command service's limits: message size and the per-caller rate.</summary>
[Collection(CommandServiceCollection.Name)]
public sealed class CommandLimitsTests(CommandServiceFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_over_64_KiB_is_ResourceExhausted_and_writes_nothing_while_one_under_is_judged_on_its_fields()
    {
        var leadId = fixture.NewLeadId();

        var oversized = await Calls.RefusedAsync(StatusCode.ResourceExhausted, () => fixture.Client.InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = leadId, Name = new string('x', 70 * 1024), Email = "ada@example.com", Phone = "12345" },
            cancellationToken: Token).ResponseAsync);
        var tooLongName = await Calls.RefusedAsync(StatusCode.InvalidArgument, () => fixture.Client.InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = leadId, Name = new string('x', 60 * 1024), Email = "ada@example.com", Phone = "12345" },
            cancellationToken: Token).ResponseAsync);

        Assert.Contains("message", oversized.Status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("name", tooLongName.Trailer("field"));
        await using var store = fixture.OpenStore();
        Assert.Empty(await store.ReadStreamAsync(LeadStream.Name(leadId)));
    }

    [Fact]
    public async Task A_caller_past_its_rate_gets_ResourceExhausted_while_another_caller_is_served()
    {
        using var data = new TempDirectory();
        await using var service = await CommandServiceProcess.StartAsync(data.Path, Token,
            "--Limits:CommandsPerSecondPerCaller=1", "--Limits:CommandBurstPerCaller=3");
        using var aliceChannel = TestTokens.Channel(service.Address, TestTokens.For([LeadsRoles.Write], subject: "alice"));
        using var bobChannel = TestTokens.Channel(service.Address, TestTokens.For([LeadsRoles.Write], subject: "bob"));
        var alice = new LeadCommands.LeadCommandsClient(aliceChannel);

        RpcException? throttled = null;
        var accepted = 0;
        for (var leadId = 1; leadId <= 50 && throttled is null; leadId++)
        {
            try
            {
                await alice.InitializeAsync(leadId);
                accepted++;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                throttled = e;
            }
        }

        Assert.NotNull(throttled);
        Assert.True(accepted >= 3, $"the burst of 3 is served first, got {accepted}");
        Assert.Contains("'alice'", throttled.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("1 per second", throttled.Status.Detail, StringComparison.Ordinal);
        Assert.True(long.Parse(throttled.Trailer(CommandRateLimitInterceptor.RetryAfterTrailer)!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var bob = await new LeadCommands.LeadCommandsClient(bobChannel).InitializeAsync(1000);
        Assert.Equal(3ul, bob.Revision);
        await using var store = new StoreInspector(service.StorePath);
        Assert.Empty(await store.ReadStreamAsync(LeadStream.Name(accepted + 1)));
    }
}
