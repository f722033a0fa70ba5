using Grpc.Core;
using Leads.Contracts.V1;

namespace EndToEnd.Tests;

/// <summary>A caller holding a command reply's position reads its own write from another process's projection.</summary>
public abstract class ReadYourWritesTests(LeadPlatform platform)
{
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_lead_with_the_reply_position_sees_every_write_at_once()
    {
        const long leadId = 2001;
        var reply = await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = leadId, Name = "Ada Initial", Email = "ada@example.com", Phone = "+44 20 7946 0000", CommandId = "e2e-ryw-init",
        }, cancellationToken: Cancel);
        var seen = new List<string>();
        seen.Add((await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = leadId, MinPosition = reply.Position }, cancellationToken: Cancel)).Name);

        for (var i = 1; i <= 5; i++)
        {
            reply = await platform.Commands.ChangeNameAsync(new ChangeNameRequest { LeadId = leadId, Name = $"Ada v{i}" }, cancellationToken: Cancel);
            var view = await platform.Queries.GetLeadAsync(new GetLeadRequest { LeadId = leadId, MinPosition = reply.Position }, cancellationToken: Cancel);
            seen.Add(view.Name);
            Assert.True(view.Position >= reply.Position);
        }

        Assert.Equal(["Ada Initial", "Ada v1", "Ada v2", "Ada v3", "Ada v4", "Ada v5"], seen);
    }

    [Fact]
    public async Task A_position_the_view_cannot_reach_before_the_deadline_is_unavailable_saying_how_far_behind()
    {
        var reply = await platform.Commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = 2002, Name = "Grace", Email = "grace@example.com", Phone = "555-0100", CommandId = "e2e-ryw-far",
        }, cancellationToken: Cancel);

        var error = await LeadPlatform.FailsAsync(() => platform.Queries.GetLeadAsync(
            new GetLeadRequest { LeadId = 2002, MinPosition = reply.Position + 1_000_000 },
            deadline: DateTime.UtcNow.AddSeconds(3), cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("behind min_position", error.Status.Detail, StringComparison.Ordinal);
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : ReadYourWritesTests(platform);

    [Collection(EventStoreDbPlatformCollection.Name)]
    public sealed class OnEventStoreDb(EventStoreDbPlatform platform) : ReadYourWritesTests(platform);
}
