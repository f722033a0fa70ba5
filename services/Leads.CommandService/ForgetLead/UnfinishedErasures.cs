using Leads.CommandService.Handling;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.CommandService.ForgetLead;

/// <summary>
/// Completes, at start-up, erasures a crash left half done: the lead's key is deleted (its tombstone says when, by whom,
/// why) but <c>LeadForgotten</c> was never appended. Pages through every tombstone of the key store and, for a lead whose
/// stream does not end with <c>LeadForgotten</c> (commands are refused once the key is gone, so it is always last),
/// runs the erasure again as its original caller with its original reason: <see cref="LeadEraser"/> keeps the
/// tombstone and appends the event, and a replica doing the same at the same moment appends it once (expected
/// revision). The personal data was unreadable all along; this only makes the read models erase their copies.
/// </summary>
public sealed partial class UnfinishedErasures(ILeadKeyStore keys, IEventStore store, LeadEraser eraser, TimeProvider time, ILogger<UnfinishedErasures> logger)
    : BackgroundService
{
    public const int PageSize = 100;
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var completed = await CompleteAllAsync(stoppingToken);
                LogSwept(logger, completed);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < MaxAttempts)
            {
                LogRetrying(logger, e, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << attempt)), time, stoppingToken);
            }
        }
    }

    /// <summary>Completes every unfinished erasure; returns how many it completed.</summary>
    public async Task<int> CompleteAllAsync(CancellationToken cancellationToken)
    {
        var completed = 0;
        for (var after = 0L; ;)
        {
            var page = await keys.ListErasuresAsync(after, PageSize, cancellationToken);
            foreach (var erasure in page)
            {
                if (await IsUnfinishedAsync(erasure.LeadId, cancellationToken)
                    && await eraser.ForgetAsync(erasure.LeadId, erasure.Reason, new CallerContext(null, erasure.ErasedBy), cancellationToken) is ErasureOutcome.Erased)
                {
                    LogCompleted(logger, erasure.LeadId, erasure.ErasedAt);
                    completed++;
                }
            }

            if (page.Count < PageSize)
            {
                return completed;
            }

            after = page[^1].LeadId;
        }
    }

    private async Task<bool> IsUnfinishedAsync(long leadId, CancellationToken cancellationToken)
    {
        await foreach (var last in store.ReadStreamAsync(Domain.LeadStream.Name(leadId), ReadDirection.Backwards, StreamPosition.End, 1, cancellationToken))
        {
            return last.EventType != Domain.Events.LeadEventTypes.LeadForgotten;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadId}: its key was deleted at {ErasedAt} but LeadForgotten was missing; erasure completed")]
    private static partial void LogCompleted(ILogger logger, long leadId, DateTimeOffset erasedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unfinished erasures checked at start-up: {Completed} completed")]
    private static partial void LogSwept(ILogger logger, int completed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking for unfinished erasures failed (attempt {Attempt}); trying again")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int attempt);
}
