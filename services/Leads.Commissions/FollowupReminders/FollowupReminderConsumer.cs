using Leads.IntegrationEvents.V1;
using MassTransit;

namespace Leads.Commissions.FollowupReminders;

/// <summary>
/// What another bounded context does with the lead context's reminders: the sales team's to-do list. LeadFollowupDue
/// opens a to-do to call the lead, LeadFollowupOverdue flags it, and a rescheduled (LeadFollowupScheduled) or cleared
/// (LeadFollowupCleared) follow-up closes it. Idempotent by MessageId, like the conversion count.
/// </summary>
public sealed partial class FollowupReminderConsumer(FollowupTodoList todos, ILogger<FollowupReminderConsumer> logger) :
    IConsumer<LeadFollowupDue>,
    IConsumer<LeadFollowupOverdue>,
    IConsumer<LeadFollowupScheduled>,
    IConsumer<LeadFollowupCleared>
{
    public Task Consume(ConsumeContext<LeadFollowupDue> context) =>
        Handle(context, (id, m) => todos.Remind(id, m.LeadId, m.FollowupOn, m.SourcePosition, overdue: false));

    public Task Consume(ConsumeContext<LeadFollowupOverdue> context) =>
        Handle(context, (id, m) => todos.Remind(id, m.LeadId, m.FollowupOn, m.SourcePosition, overdue: true));

    public Task Consume(ConsumeContext<LeadFollowupScheduled> context) =>
        Handle(context, (id, m) => todos.Close(id, m.LeadId, m.SourcePosition));

    public Task Consume(ConsumeContext<LeadFollowupCleared> context) =>
        Handle(context, (id, m) => todos.Close(id, m.LeadId, m.SourcePosition));

    private Task Handle<T>(ConsumeContext<T> context, Func<Guid, T, bool> apply)
        where T : class, ILeadIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(T).Name} message without a MessageId cannot be deduplicated.");
        if (!apply(messageId, context.Message))
        {
            LogDuplicate(logger, messageId, typeof(T).Name, context.Message.LeadId);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} ({Kind}, lead {LeadId}) was handled before; ignored")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string kind, long leadId);
}
