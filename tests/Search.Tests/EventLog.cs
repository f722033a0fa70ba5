using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Testing.Contracts;

namespace Leads.Search.Tests;

/// <summary>Appends lead events to a real event store, as the command service would.</summary>
internal static class EventLog
{
    /// <summary>Appends each lead's events in one append, leads concurrently (the store group-commits); returns the head.</summary>
    public static async Task<GlobalPosition> AppendAsync(IEventStore store, IEnumerable<ILeadEvent> events, CancellationToken cancellationToken)
    {
        var positions = new System.Collections.Concurrent.ConcurrentBag<GlobalPosition>();
        await Parallel.ForEachAsync(
            events.GroupBy(e => e.LeadId),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (lead, ct) =>
            {
                var data = lead.Select(e => new EventData(Guid.NewGuid(), LeadEventTypes.Of(e), LeadEventSerializer.Serialize(e), EventMetadata.Empty)).ToList();
                var result = await store.AppendAsync(LeadStream.Name(lead.Key), ExpectedRevision.Any, data, ct);
                positions.Add(Assert.IsType<AppendResult.Success>(result).Position);
            });
        return positions.Max();
    }

    /// <summary><paramref name="count"/> generated leads, each initialized and then given a new phone, ids from 10,000.</summary>
    public static IEnumerable<ILeadEvent> Generated(int count) =>
        Enumerable.Range(10_000, count).SelectMany(id => (ILeadEvent[])
        [
            .. SearchLeads.Initialized(id, $"Lead {id}", $"lead{id}@old.example", $"07-{id}00"),
            new ContactInfoChanged(id, $"lead{id}@new.example", $"08-{id}00", $"08{id}00"),
        ]);
}
