using System.Collections.Concurrent;
using Leads.IntegrationEvents.V1;
using Leads.IntegrationPublisher.Publishing;
using Leads.IntegrationPublisher.Translation;

namespace IntegrationEvents.Tests.Reminders;

/// <summary>A sender that keeps what it was given (the broker's confirmation is its return); it can be told to fail, as a broker that is down.</summary>
public sealed class RecordingSender : IIntegrationMessageSender
{
    private readonly ConcurrentQueue<IntegrationMessage> _sent = new();

    public bool Failing { get; set; }

    public IReadOnlyList<IntegrationMessage> Sent => [.. _sent];

    /// <summary>The reminders sent, as (kind, lead), in order.</summary>
    public IReadOnlyList<(string Kind, long LeadId)> Reminders =>
        [.. _sent.Where(m => m.Kind is nameof(LeadFollowupDue) or nameof(LeadFollowupOverdue)).Select(m => (m.Kind, m.LeadId))];

    public Task SendAsync(IntegrationMessage message, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            throw new InvalidOperationException("the broker is down (test)");
        }

        _sent.Enqueue(message);
        return Task.CompletedTask;
    }
}
