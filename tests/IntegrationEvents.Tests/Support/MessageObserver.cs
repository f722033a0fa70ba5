using System.Collections.Concurrent;
using Leads.IntegrationEvents.V1;
using Leads.IntegrationPublisher.Publishing;
using Leads.Messaging;
using MassTransit;

namespace IntegrationEvents.Tests.Support;

/// <summary>
/// A consumer of every lead integration event on one durable queue, one message at a time, recording each delivery
/// in arrival order (repeats included) so tests can check order, ids and duplicates.
/// </summary>
public sealed class MessageObserver : IAsyncDisposable
{
    private readonly ConcurrentQueue<ObservedMessage> _seen = new();
    private readonly IBusControl _bus;

    private MessageObserver(string connectionString, string queue, bool reminders)
    {
        var address = RabbitMqAddress.Parse(connectionString);
        _bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(address.Host, address.Port, address.VirtualHost, h =>
            {
                h.Username(address.UserName);
                h.Password(address.Password);
            });
            cfg.ReceiveEndpoint(queue, e =>
            {
                e.PrefetchCount = 64;
                e.ConcurrentMessageLimit = 1;
                e.Consumer(() => new Recorder(_seen));
                if (reminders)
                {
                    e.Consumer(() => new ReminderRecorder(_seen));
                }
            });
        });
    }

    public IReadOnlyList<ObservedMessage> Seen => [.. _seen];

    public int Count => _seen.Count;

    /// <param name="reminders">Also record LeadFollowupDue and LeadFollowupOverdue (the reminder process's messages).</param>
    public static async Task<MessageObserver> StartAsync(string connectionString, string queue, CancellationToken cancellationToken, bool reminders = false)
    {
        var observer = new MessageObserver(connectionString, queue, reminders);
        var handle = await observer._bus.StartAsync(cancellationToken);
        await handle.Ready.WaitAsync(cancellationToken);
        return observer;
    }

    public async ValueTask DisposeAsync() => await _bus.StopAsync(CancellationToken.None);

    private sealed class Recorder(ConcurrentQueue<ObservedMessage> seen) :
        IConsumer<LeadInitialized>,
        IConsumer<LeadRenamed>,
        IConsumer<LeadContactChanged>,
        IConsumer<LeadStatusChanged>,
        IConsumer<LeadFollowupScheduled>,
        IConsumer<LeadFollowupCleared>,
        IConsumer<LeadConverted>
    {
        public Task Consume(ConsumeContext<LeadInitialized> context) => Record(context);

        public Task Consume(ConsumeContext<LeadRenamed> context) => Record(context);

        public Task Consume(ConsumeContext<LeadContactChanged> context) => Record(context);

        public Task Consume(ConsumeContext<LeadStatusChanged> context) => Record(context);

        public Task Consume(ConsumeContext<LeadFollowupScheduled> context) => Record(context);

        public Task Consume(ConsumeContext<LeadFollowupCleared> context) => Record(context);

        public Task Consume(ConsumeContext<LeadConverted> context) => Record(context);

        private Task Record<T>(ConsumeContext<T> context)
            where T : class, ILeadIntegrationEvent => MessageObserver.Record(seen, context);
    }

    private sealed class ReminderRecorder(ConcurrentQueue<ObservedMessage> seen) : IConsumer<LeadFollowupDue>, IConsumer<LeadFollowupOverdue>
    {
        public Task Consume(ConsumeContext<LeadFollowupDue> context) => Record(seen, context);

        public Task Consume(ConsumeContext<LeadFollowupOverdue> context) => Record(seen, context);
    }

    private static Task Record<T>(ConcurrentQueue<ObservedMessage> seen, ConsumeContext<T> context)
        where T : class, ILeadIntegrationEvent
    {
        var m = context.Message;
        seen.Enqueue(new ObservedMessage(
            context.MessageId ?? Guid.Empty,
            typeof(T).Name,
            m.LeadId,
            m.SourceEventId,
            m.SourcePosition,
            m.RecordedAt,
            context.CorrelationId,
            context.Headers.Get<string>(MassTransitMessageSender.CorrelationIdHeader),
            context.Headers.Get<string>(MassTransitMessageSender.TraceParentHeader),
            m));
        return Task.CompletedTask;
    }
}
