using System.Diagnostics;
using Leads.IntegrationPublisher.Translation;
using MassTransit;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>
/// Publishes through MassTransit with the message's own id, the source event's correlation id (MassTransit's
/// CorrelationId when it is a GUID, and always the <see cref="CorrelationIdHeader"/> header) and its W3C trace context
/// (a producer span continuing the write's trace, and the <c>traceparent</c>/<c>tracestate</c> headers). On RabbitMQ
/// the publish task completes when the broker has confirmed the message (publisher confirms). It publishes through the
/// bus itself (a singleton, like this sender): MassTransit's <c>IPublishEndpoint</c> is scoped, and a singleton holding
/// it fails the host's scope validation, so the service did not start in Development.
/// </summary>
public sealed class MassTransitMessageSender(IBus bus) : IIntegrationMessageSender
{
    public const string ActivitySourceName = "Leads.IntegrationPublisher";
    public const string CorrelationIdHeader = "Leads-CorrelationId";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    public async Task SendAsync(IntegrationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ActivityContext.TryParse(message.TraceParent, message.TraceState, out var parent);
        using var activity = Source.StartActivity($"publish {message.Kind}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", message.MessageId.ToString());
        activity?.SetTag("leads.lead_id", message.LeadId);

        var pipe = Pipe.Execute<PublishContext>(context =>
        {
            context.MessageId = message.MessageId;
            if (message.CorrelationId is { Length: > 0 } correlation)
            {
                context.Headers.Set(CorrelationIdHeader, correlation);
                if (Guid.TryParse(correlation, out var correlationId))
                {
                    context.CorrelationId = correlationId;
                }
            }

            // Without a listener MassTransit starts no span of its own and propagates nothing: carry the write's
            // context as it was. With one, MassTransit replaces these with its span, a child of ours.
            if (message.TraceParent is { Length: > 0 } traceParent)
            {
                context.Headers.Set(TraceParentHeader, activity is null ? traceParent : activity.Id);
                if ((activity?.TraceStateString ?? message.TraceState) is { Length: > 0 } traceState)
                {
                    context.Headers.Set(TraceStateHeader, traceState);
                }
            }
        });
        await bus.Publish(message.Message, message.Message.GetType(), pipe, cancellationToken).ConfigureAwait(false);
    }
}
