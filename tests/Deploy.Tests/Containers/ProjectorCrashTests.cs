using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace Leads.Deploy.Tests.Containers;

/// <summary>
/// The view projector container SIGKILLed in the middle of a reset from the start, then started again: it resumes the
/// replay from what it had stored, and every lead view and status log ends equal to what the views held before the
/// reset, line for line (nothing lost, nothing applied twice).
/// </summary>
[Collection(ContainersCollection.Name)]
public sealed class ProjectorCrashTests(ContainerizedPlatform platform)
{
    private const string Views = "lead-views";
    private const int Leads = 100;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_view_projector_killed_during_a_reset_converges_to_a_fresh_replay_after_it_starts_again()
    {
        platform.SkipUnlessAvailable();
        using var commandChannel = TestTokens.Channel(platform.PortsOf("command-service").Address, platform.Token(LeadsRoles.Write));
        using var queryChannel = TestTokens.Channel(platform.PortsOf("query-service").Address, platform.Token(LeadsRoles.Read, LeadsRoles.Admin));
        var queries = new LeadQueries.LeadQueriesClient(queryChannel);
        var admin = new ProjectionAdmin.ProjectionAdminClient(queryChannel);
        var last = await WriteLeadsAsync(new LeadCommands.LeadCommandsClient(commandChannel));
        await queries.GetLeadAsync(new GetLeadRequest { LeadId = last.LeadId, MinPosition = last.Position }, deadline: DateTime.UtcNow.AddMinutes(2), cancellationToken: Ct);
        var before = await SnapshotAsync(queries);

        var reset = await admin.ResetProjectionAsync(new ResetProjectionRequest { Name = Views, FromStart = true }, cancellationToken: Ct);
        Assert.True(reset.Acknowledged && reset.Succeeded, reset.Result);
        var projector = platform.ContainerOf("view-projector");
        await ContainerRun.KillAsync(projector, Ct);
        Assert.Equal("false", await ContainerRun.InspectAsync(projector, "{{.State.Running}}", Ct));
        await ContainerRun.RestartAsync(projector, Ct);
        await ContainerRun.WaitForHealthAsync(projector, "healthy", TimeSpan.FromMinutes(3), Ct);

        // Wait for the documents themselves, not for the projector to report "rebuilt".
        await Eventually.IsTrueAsync(async () => (await SnapshotAsync(queries)).SequenceEqual(before), TimeSpan.FromMinutes(3), "the views equal to a fresh replay", Ct);
    }

    private static async Task<LeadCommandReply> WriteLeadsAsync(LeadCommands.LeadCommandsClient commands)
    {
        var replies = new System.Collections.Concurrent.ConcurrentBag<LeadCommandReply>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = Ct };
        await Parallel.ForEachAsync(Enumerable.Range(1, Leads), options, async (n, cancellationToken) =>
        {
            var id = 700_000L + n;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            await commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = id, Name = $"Crash Lead {n}", Email = $"crash{n}@example.com", Phone = $"0303 {n:000000}", CommandId = $"crash-{id}",
            }, deadline: deadline, cancellationToken: cancellationToken);
            replies.Add(await commands.ChangeStatusAsync(
                new ChangeStatusRequest { LeadId = id, Status = LeadStatus.FollowUp, CommandId = $"crash-{id}-s" }, deadline: deadline, cancellationToken: cancellationToken));
        });
        return replies.MaxBy(r => r.Position)!;
    }

    /// <summary>Every lead view and every status log, as text lines.</summary>
    private static async Task<List<string>> SnapshotAsync(LeadQueries.LeadQueriesClient queries)
    {
        var lines = new List<string>();
        var token = "";
        do
        {
            var page = await queries.ListLeadsAsync(new ListLeadsRequest { PageSize = 500, PageToken = token }, cancellationToken: Ct);
            lines.AddRange(page.Leads.Select(l => "view " + l));
            foreach (var lead in page.Leads)
            {
                lines.Add("status-log " + await queries.GetStatusHistoryAsync(new GetStatusHistoryRequest { LeadId = lead.LeadId }, cancellationToken: Ct));
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return lines;
    }
}
