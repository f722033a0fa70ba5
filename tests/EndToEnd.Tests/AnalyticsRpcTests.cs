using Grpc.Core;
using Leads.Contracts.V1;
using Leads.Security;
using Leads.Testing;

namespace EndToEnd.Tests;

/// <summary>leads.v1.LeadAnalytics on the running query service, fed by lead-analytics in the view projector's process.</summary>
public abstract class AnalyticsRpcTests(LeadPlatform platform)
{
    private const string Analytics = "lead-analytics";
    private readonly LeadPlatform platform = platform.Running();

    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Commands_show_in_the_pipeline_and_in_the_callers_activity()
    {
        using var reader = platform.QueryService.ChannelAs(LeadsRoles.Read);
        var analytics = new LeadAnalytics.LeadAnalyticsClient(reader);
        using var writer = platform.CommandService.ChannelWithToken(TestTokens.For([LeadsRoles.Write], subject: "analyst-18"));
        var commands = new LeadCommands.LeadCommandsClient(writer);
        var before = (await analytics.GetPipelineAsync(new GetPipelineRequest { AsOf = Today }, cancellationToken: Cancel)).Points.Single().Leads;

        await commands.InitializeLeadAsync(new InitializeLeadRequest
        {
            LeadId = 18_001, Name = "Analysed", Email = "analysed@example.com", Phone = "0303 1818", CommandId = "e2e-analytics-18001",
        }, cancellationToken: Cancel);
        var closed = await commands.ChangeStatusAsync(new ChangeStatusRequest { LeadId = 18_001, Status = LeadStatus.Closed }, cancellationToken: Cancel);
        await platform.WaitForProjectionAsync(Analytics, closed.Position, Cancel);

        var after = (await analytics.GetPipelineAsync(new GetPipelineRequest { AsOf = Today }, cancellationToken: Cancel)).Points.Single().Leads;
        var activity = await analytics.GetActivityAsync(new GetActivityRequest { From = Today, To = Today }, cancellationToken: Cancel);
        Assert.Equal((before.Closed + 1, before.Available), (after.Closed, after.Available));
        Assert.Equal(2, activity.Rows.Single(r => r.Caller == "analyst-18").Commands);
    }

    [Theory]
    [InlineData("2026-02-01", "2026-01-01", "week", "to", "to (2026-01-01) is before from (2026-02-01)")]
    [InlineData("2026-01-01", "2026-02-01", "fortnight", "bucket", "bucket must be day, week or month, got 'fortnight'")]
    [InlineData("2026-1-1", "2026-02-01", "week", "from", "from must be a date YYYY-MM-DD, got '2026-1-1'")]
    public async Task A_bad_period_or_bucket_is_invalid_argument_naming_the_field(string from, string to, string bucket, string field, string message)
    {
        using var reader = platform.QueryService.ChannelAs(LeadsRoles.Read);
        var analytics = new LeadAnalytics.LeadAnalyticsClient(reader);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await analytics.GetFunnelAsync(new GetFunnelRequest { From = from, To = to, Bucket = bucket }, cancellationToken: Cancel));

        Assert.Equal((StatusCode.InvalidArgument, message, field), (error.StatusCode, error.Status.Detail, error.Trailers.GetValue("field")));
    }

    [Fact]
    public async Task Analytics_needs_the_read_role()
    {
        using var writer = platform.QueryService.ChannelAs(LeadsRoles.Write);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new LeadAnalytics.LeadAnalyticsClient(writer).GetTimeInStatusAsync(new GetTimeInStatusRequest { From = Today, To = Today }, cancellationToken: Cancel));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task The_command_line_prints_the_pipeline_funnel_and_time_in_status_as_tables()
    {
        var monthAgo = DateTime.UtcNow.AddDays(-30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var pipeline = await CommandLineTool.RunAsync(platform, Cancel, "analytics", "pipeline", "--as-of", Today);
        var funnel = await CommandLineTool.RunAsync(platform, Cancel, "analytics", "funnel", "--from", monthAgo, "--to", Today, "--bucket", "week");
        var times = await CommandLineTool.RunAsync(platform, Cancel, "analytics", "time-in-status", "--from", monthAgo, "--to", Today);
        var bad = await CommandLineTool.RunAsync(platform, Cancel, "analytics", "funnel", "--from", monthAgo, "--to", Today, "--bucket", "year");

        Assert.True(pipeline.ExitCode == 0 && pipeline.Output.Contains(Today, StringComparison.Ordinal) && pipeline.Output.Contains("follow-up", StringComparison.Ordinal), pipeline.Output);
        Assert.True(funnel.ExitCode == 0 && funnel.Output.Contains("conversion", StringComparison.Ordinal), funnel.Output);
        Assert.True(times.ExitCode == 0 && times.Output.Contains("creation to conversion", StringComparison.Ordinal), times.Output);
        Assert.True(bad.ExitCode == 1 && bad.Output.Contains("bucket must be day, week or month, got 'year'", StringComparison.Ordinal), bad.Output);
    }

    [Collection(SqlitePlatformCollection.Name)]
    public sealed class OnSqlite(SqlitePlatform platform) : AnalyticsRpcTests(platform);
}
