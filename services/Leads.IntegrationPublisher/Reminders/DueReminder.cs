using Leads.IntegrationEvents.V1;
using Leads.IntegrationPublisher.Translation;

namespace Leads.IntegrationPublisher.Reminders;

/// <summary>One reminder whose moment has come: which kind, for which lead and follow-up.</summary>
public sealed record DueReminder(long LeadId, string StreamId, PendingFollowup Followup, ReminderKind Kind)
{
    /// <summary>From the lead and the FollowupSet event: every replica, restart or replay derives the same id.</summary>
    public Guid MessageId => MessageIds.For(Followup.EventId, $"{KindName}/lead-{LeadId}");

    public string KindName => Kind == ReminderKind.Due ? nameof(LeadFollowupDue) : nameof(LeadFollowupOverdue);

    public IntegrationMessage ToMessage(double overdueAfterDays)
    {
        ILeadIntegrationEvent message = Kind == ReminderKind.Due
            ? new LeadFollowupDue(LeadId, Followup.FollowupOn, Followup.EventId, Followup.Position.Commit, Followup.RecordedAt)
            : new LeadFollowupOverdue(LeadId, Followup.FollowupOn, overdueAfterDays, Followup.EventId, Followup.Position.Commit, Followup.RecordedAt);
        return new IntegrationMessage(MessageId, KindName, message, CorrelationId: null, TraceParent: null, TraceState: null);
    }
}

public enum ReminderKind
{
    Due,
    Overdue,
}
