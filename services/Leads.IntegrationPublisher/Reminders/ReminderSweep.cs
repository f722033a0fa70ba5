using Leads.Domain.Events;
using Leads.EventStore;
using Leads.IntegrationPublisher.Publishing;
using Leads.IntegrationPublisher.Translation;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>
/// One pass of the reminder process: every reminder whose moment has come by the clock and is not recorded as sent is
/// checked against the lead's stream (is that FollowupSet still the last word on the follow-up? a projection that lags
/// or replays must not remind of a date already changed or cleared), published through the bus, and recorded as sent
/// only once the broker confirmed it. A crash between the two republishes it with the same MessageId.
/// </summary>
public sealed partial class ReminderSweep(
    ReminderLedger ledger,
    IEventStore events,
    IIntegrationMessageSender sender,
    ReminderOptions options,
    PublisherOptions publisher,
    TimeProvider clock,
    ILogger<ReminderSweep> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Publishes what has come due; returns how many reminders the broker confirmed. Sweeps of one process never overlap.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SweepAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var reminder in ledger.ListDue(clock.GetUtcNow(), options.OverdueAfterDays))
        {
            if (!await StillInForceAsync(reminder, cancellationToken).ConfigureAwait(false))
            {
                LogSuperseded(logger, reminder.KindName, reminder.LeadId, reminder.Followup.EventId);
                continue;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(publisher.PublishTimeout);
            await sender.SendAsync(reminder.ToMessage(options.OverdueAfterDays), timeout.Token)
                .WaitAsync(publisher.PublishTimeout, cancellationToken).ConfigureAwait(false);
            ledger.RecordSent(reminder, clock.GetUtcNow());
            LogSent(logger, reminder.KindName, reminder.LeadId, reminder.Followup.FollowupOn, reminder.MessageId);
            sent++;
        }

        return sent;
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>The lead's last event about its follow-up (read backwards, usually the last event or two) is this FollowupSet.</summary>
    private async Task<bool> StillInForceAsync(DueReminder reminder, CancellationToken cancellationToken)
    {
        await foreach (var recorded in events.ReadStreamAsync(reminder.StreamId, ReadDirection.Backwards, StreamPosition.End, long.MaxValue, cancellationToken)
            .ConfigureAwait(false))
        {
            if (recorded.EventType == LeadEventTypes.LeadForgotten)
            {
                return false;
            }

            if (FollowupBefore.Says(recorded) is not null)
            {
                return recorded.EventId == reminder.Followup.EventId;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminder {Kind} for lead {LeadId} (follow-up on {FollowupOn}) published as {MessageId}")]
    private static partial void LogSent(ILogger logger, string kind, long leadId, DateOnly followupOn, Guid messageId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Reminder {Kind} for lead {LeadId} not sent: its follow-up (event {EventId}) was changed or cleared since; the projection catches up")]
    private static partial void LogSuperseded(ILogger logger, string kind, long leadId, Guid eventId);
}
