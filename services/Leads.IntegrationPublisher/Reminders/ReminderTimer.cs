using Leads.Projections.Leasing;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// Runs the sweep at start and then every <see cref="ReminderOptions.SweepInterval"/>. With the projector lease on
/// (<c>Leads:ProjectorLease:Enabled</c>) only the replica holding the lease of <see cref="FollowupReminderProjection"/>
/// sweeps, the same one that keeps the deadlines; a failed sweep (broker down) is logged and tried again next time.
/// </summary>
public sealed partial class ReminderTimer(ReminderSweep sweep, ReminderOptions options, ILogger<ReminderTimer> logger, ProjectorLeasing? leasing = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (leasing?.Holds(FollowupReminderProjection.Name) ?? true)
                {
                    await SweepAsync(stoppingToken).ConfigureAwait(false);
                }

                await Task.Delay(options.SweepInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        try
        {
            await sweep.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogSweepFailed(logger, ex, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder sweep failed; trying again at the next one: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, string error);
}
