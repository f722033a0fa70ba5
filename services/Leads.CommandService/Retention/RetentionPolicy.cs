using Leads.CommandService.ForgetLead;
using Leads.CommandService.Handling;

namespace Leads.CommandService.Retention;

/// <summary>
/// Forgets leads Closed for longer than <c>Privacy:ForgetClosedAfterDays</c>, with the reason "retention policy", a
/// small batch at a time with a pause between batches, then again every <c>Privacy:Retention:Interval</c>. Nothing is
/// remembered between runs: each run reads from the event store which leads are Closed since when, so a restart simply
/// runs again, and a forgotten lead is never a candidate again (its LeadForgotten ends its closure). No lease: two
/// replicas running it at once are harmless, because forgetting is idempotent (the second erasure of a lead returns the
/// first receipt and writes nothing; their appends race on the expected revision). Each lead is read again from its
/// stream right before it is forgotten, so a lead reopened since the scan is kept.
/// </summary>
public sealed partial class RetentionPolicy(
    RetentionOptions options, ClosedLeads closedLeads, LeadEraser eraser, TimeProvider time, ILogger<RetentionPolicy> logger) : BackgroundService
{
    /// <summary>What a run would forget now (the dry run): leads Closed since before the cut-off, oldest first.</summary>
    public async Task<IReadOnlyList<ClosedLead>> DueAsync(CancellationToken cancellationToken) =>
        options.ClosedBefore(time.GetUtcNow()) is { } closedBefore
            ? await closedLeads.ClosedBeforeAsync(closedBefore, cancellationToken)
            : [];

    /// <summary>The dry run with its terms: the policy's days and cut-off (null when off) and the leads due.</summary>
    public async Task<RetentionDue> PlanAsync(CancellationToken cancellationToken) =>
        new(options.ForgetClosedAfterDays, options.ClosedBefore(time.GetUtcNow()), await DueAsync(cancellationToken));

    /// <summary>One run: forgets every lead due now, batch by batch; returns how many it forgot.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var forgotten = 0;
        foreach (var batch in (await DueAsync(cancellationToken)).Chunk(options.BatchSize))
        {
            if (forgotten > 0)
            {
                await Task.Delay(options.PauseBetweenBatches, time, cancellationToken);
            }

            foreach (var due in batch)
            {
                if (await StillDueAsync(due.LeadId, cancellationToken)
                    && await eraser.ForgetAsync(due.LeadId, RetentionOptions.Reason, new CallerContext(null, RetentionOptions.Caller), cancellationToken)
                        is ErasureOutcome.Erased { AlreadyForgotten: false })
                {
                    forgotten++;
                }
            }

            LogBatch(logger, batch.Length, forgotten);
        }

        return forgotten;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ForgetClosedAfterDays is not { } days)
        {
            return;
        }

        LogEnabled(logger, days, options.Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }

            await Task.Delay(options.Interval, time, stoppingToken);
        }
    }

    private async Task<bool> StillDueAsync(long leadId, CancellationToken cancellationToken) =>
        await closedLeads.CurrentAsync(leadId, cancellationToken) is { } current
        && options.ClosedBefore(time.GetUtcNow()) is { } closedBefore
        && current.ClosedSince < closedBefore;

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention policy on: leads Closed for more than {Days} days are forgotten, checked every {Interval}")]
    private static partial void LogEnabled(ILogger logger, double days, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention policy: a batch of {Due} leads done, {Forgotten} forgotten so far in this run")]
    private static partial void LogBatch(ILogger logger, int due, int forgotten);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention policy run failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
