using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.CommandService.Retention;

/// <summary>
/// Which leads are Closed now, and since when, read from the event store (the source of truth, not a view that may lag
/// or be rebuilding): the lead streams in global order, filtered in the store, folding only StatusChanged (which
/// carries no personal data, so no key is needed) and LeadForgotten. Holds one entry per lead Closed now.
/// </summary>
public sealed class ClosedLeads(IEventStore store)
{
    private const int PageSize = 1000;

    /// <summary>Leads Closed since before <paramref name="closedBefore"/>, not forgotten, oldest closure first.</summary>
    public async Task<IReadOnlyList<ClosedLead>> ClosedBeforeAsync(DateTimeOffset closedBefore, CancellationToken cancellationToken)
    {
        var closed = new Dictionary<long, DateTimeOffset>();
        var filter = SubscriptionFilter.StreamPrefix(LeadStream.Prefix);
        GlobalPosition? after = null;
        for (var read = PageSize; read == PageSize;)
        {
            read = 0;
            await foreach (var recorded in store.ReadAllAsync(after, PageSize, filter, cancellationToken))
            {
                read++;
                after = recorded.Position;
                Fold(closed, recorded);
            }
        }

        return [.. closed.Where(c => c.Value < closedBefore).Select(c => new ClosedLead(c.Key, c.Value)).OrderBy(c => c.ClosedSince).ThenBy(c => c.LeadId)];
    }

    /// <summary>The lead's closure read from its own stream now: null unless it is Closed (and not forgotten).</summary>
    public async Task<ClosedLead?> CurrentAsync(long leadId, CancellationToken cancellationToken)
    {
        var closed = new Dictionary<long, DateTimeOffset>();
        await foreach (var recorded in store.ReadStreamAsync(LeadStream.Name(leadId), ReadDirection.Forwards, StreamPosition.Start, long.MaxValue, cancellationToken))
        {
            Fold(closed, recorded);
        }

        return closed.TryGetValue(leadId, out var since) ? new ClosedLead(leadId, since) : null;
    }

    private static void Fold(Dictionary<long, DateTimeOffset> closed, RecordedEvent recorded)
    {
        if (recorded.EventType == LeadEventTypes.StatusChanged
            && LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span) is StatusChanged changed)
        {
            if (changed.Status == LeadStatus.Closed)
            {
                closed[changed.LeadId] = recorded.Created;
            }
            else
            {
                closed.Remove(changed.LeadId);
            }
        }
        else if (recorded.EventType == LeadEventTypes.LeadForgotten
            && LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span) is LeadForgotten forgotten)
        {
            closed.Remove(forgotten.LeadId);
        }
    }
}
