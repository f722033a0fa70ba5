using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>The audit log shows who did what: each event's user is the subject of the token that wrote it.</summary>
public abstract class AuditTrailTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task History_names_each_writer_by_its_token_subject_in_gRPC_and_in_the_CLI()
    {
        const long leadId = 770_001;
        using var alice = platform.CommandService.ChannelWithToken(TestTokens.For([LeadsRoles.Write], subject: "alice"));
        using var bob = platform.CommandService.ChannelWithToken(TestTokens.For([LeadsRoles.Write], subject: "bob"));
        await new LeadCommands.LeadCommandsClient(alice).InitializeLeadAsync(
            new InitializeLeadRequest { LeadId = leadId, Name = "Grace", Email = "grace@example.com", Phone = "050-8139904", CommandId = "audit-1" },
            cancellationToken: Cancel);
        await new LeadCommands.LeadCommandsClient(bob).ChangeStatusAsync(
            new ChangeStatusRequest { LeadId = leadId, Status = LeadStatus.FollowUp, CommandId = "audit-2" }, cancellationToken: Cancel);

        using var reader = platform.QueryService.ChannelAs(LeadsRoles.Read);
        var history = await new LeadQueries.LeadQueriesClient(reader).GetLeadHistoryAsync(
            new GetLeadHistoryRequest { LeadId = leadId, PageSize = 100 }, cancellationToken: Cancel);
        var cli = await CommandLineTool.RunAsync(platform, Cancel, "lead", "history", leadId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["alice", "alice", "alice", "alice", "bob"], history.Events.Select(e => e.Metadata.UserId));
        Assert.True(cli.ExitCode == 0, cli.Output);
        Assert.Contains("alice audit-1", cli.Output, StringComparison.Ordinal);
        Assert.Contains("bob audit-2", cli.Output, StringComparison.Ordinal);
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : AuditTrailTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : AuditTrailTests(platform);
}
