using System.Globalization;
using Leads.Contracts.V1;
using Leads.Testing;

namespace SearchPage.Tests;

/// <summary>
/// Leads for the analytics dashboard with known transitions, written through the command service (ids and command ids
/// no other test uses, so a second call changes nothing): one converted through Follow-up, one closed and reopened, one
/// in Follow-up with a date three days ago (overdue), one left Available; then lead-analytics waited for.
/// </summary>
public static class AnalyticsPageLeads
{
    public const string Projection = "lead-analytics";
    private const long FirstId = 18_501;

    public static async Task WriteAsync(SearchPagePlatform platform, CancellationToken cancellationToken)
    {
        platform.RequireBrowser();
        var commands = platform.Commands;
        var steps = new List<(long Id, Func<long, string, Task<LeadCommandReply>> Command)>
        {
            (FirstId, (id, key) => Status(commands, id, LeadStatus.FollowUp, key, cancellationToken)),
            (FirstId, (id, key) => Status(commands, id, LeadStatus.Converted, key, cancellationToken)),
            (FirstId + 1, (id, key) => Status(commands, id, LeadStatus.Closed, key, cancellationToken)),
            (FirstId + 1, (id, key) => Status(commands, id, LeadStatus.Available, key, cancellationToken)),
            (FirstId + 2, (id, key) => Status(commands, id, LeadStatus.FollowUp, key, cancellationToken)),
            (FirstId + 2, (id, key) => commands.SetFollowupAsync(new SetFollowupRequest
            {
                LeadId = id, FollowupOn = DateTime.UtcNow.Date.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CommandId = key,
            }, cancellationToken: cancellationToken).ResponseAsync),
        };

        LeadCommandReply last = null!;
        for (var id = FirstId; id <= FirstId + 3; id++)
        {
            last = await commands.InitializeLeadAsync(new InitializeLeadRequest
            {
                LeadId = id, Name = $"Analysed {id}", Email = $"lead{id}@analytics.example", Phone = $"0518{id}", CommandId = $"page-analytics-init-{id}",
            }, cancellationToken: cancellationToken);
        }

        for (var step = 0; step < steps.Count; step++)
        {
            last = await steps[step].Command(steps[step].Id, $"page-analytics-{step}-{steps[step].Id}");
        }

        // Up to the store's head, not only to these commands: a second call replays them (no new position) after other
        // tests' events, which the dashboard and the gRPC answers it is compared with must both include.
        var admin = new ProjectionAdmin.ProjectionAdminClient(platform.QueryService.Channel);
        var head = (await admin.ProjectionAsync(Projection, cancellationToken)).Head;
        await admin.WaitForProjectionAsync(Projection, Math.Max(head, last.Position), TimeSpan.FromSeconds(60), () => platform.QueryService.RecentOutput, cancellationToken);
    }

    private static Task<LeadCommandReply> Status(LeadCommands.LeadCommandsClient commands, long id, LeadStatus status, string key, CancellationToken cancellationToken) =>
        commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = id, Status = status, CommandId = key }, cancellationToken: cancellationToken).ResponseAsync;
}
