using Leads.CommandService.Retention;
using Leads.Contracts.V1;
using LeadStatus = Leads.Contracts.V1.LeadStatus;
using Leads.Testing;

namespace Leads.CommandService.Tests;

/// <summary>
/// The retention policy in the running service, configured as an operator does (<c>Privacy:ForgetClosedAfterDays</c>,
/// here a few seconds' worth of a day): it forgets a Closed lead by itself, and <c>PlanRetention</c> (the dry run) lists
/// what is due without forgetting it.
/// </summary>
public sealed class RetentionServiceTests
{
    private const string TwoSeconds = "0.000023";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_service_forgets_a_lead_closed_longer_than_the_policy_by_itself()
    {
        using var data = new TempDirectory();
        await using var service = await StartWithClosedLeadAsync(data, interval: "00:00:01", closedLeadId: 3);
        await service.Client.InitializeAsync(4);

        var receipt = await Eventually.ReturnsAsync(
            async () => await service.Client.ReceiptOrNullAsync(3), TimeSpan.FromSeconds(20), "lead 3 forgotten by the retention policy", Token);

        Assert.Equal((RetentionOptions.Reason, RetentionOptions.Caller), (receipt.Reason, receipt.ErasedBy));
        Assert.Null(await service.Client.ReceiptOrNullAsync(4));
    }

    [Fact]
    public async Task The_dry_run_lists_the_leads_due_and_forgets_none_and_says_when_the_policy_is_off()
    {
        using var data = new TempDirectory();
        await using var service = await StartWithClosedLeadAsync(data, interval: "1.00:00:00", closedLeadId: 5);

        var plan = await Eventually.ReturnsAsync(
            async () => (await service.Client.PlanRetentionAsync(new PlanRetentionRequest(), cancellationToken: Token)) is { Total: > 0 } due ? due : null,
            TimeSpan.FromSeconds(20), "lead 5 due", Token);
        await using var off = await CommandServiceProcess.StartAsync(data.Path, Token);
        var offPlan = await off.Client.PlanRetentionAsync(new PlanRetentionRequest(), cancellationToken: Token);

        Assert.Equal([5L], plan.Leads.Select(l => l.LeadId));
        Assert.Null(await service.Client.ReceiptOrNullAsync(5));
        Assert.Equal((0d, 0), (offPlan.ForgetClosedAfterDays, offPlan.Total));
    }

    /// <summary>The service with the policy at two seconds, run every <paramref name="interval"/>, and one lead it closed.</summary>
    private static async Task<CommandServiceProcess> StartWithClosedLeadAsync(TempDirectory data, string interval, long closedLeadId)
    {
        var service = await CommandServiceProcess.StartAsync(
            data.Path, Token, "--Privacy:ForgetClosedAfterDays", TwoSeconds, "--Privacy:Retention:Interval", interval);
        await service.Client.InitializeAsync(closedLeadId);
        await service.Client.ChangeStatusAsync(closedLeadId, LeadStatus.Closed);
        return service;
    }
}
