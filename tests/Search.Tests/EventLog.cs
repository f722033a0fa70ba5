using Leads.Domain;
using Leads.Domain.Events;
using Leads.Testing;
using Leads.Testing.Contracts;

namespace Leads.Search.Tests;

/// <summary>Generated leads for the search projector's tests (appended with <see cref="LeadEvents.AppendByLeadAsync"/>).</summary>
internal static class EventLog
{
    /// <summary><paramref name="count"/> generated leads, each initialized and then given a new phone, ids from 10,000.</summary>
    public static IEnumerable<ILeadEvent> Generated(int count) =>
        Enumerable.Range(10_000, count).SelectMany(id => (ILeadEvent[])
        [
            .. SearchLeads.Initialized(id, $"Lead {id}", $"lead{id}@old.example", $"07-{id}00"),
            new ContactInfoChanged(id, $"lead{id}@new.example", $"08-{id}00", $"08{id}00"),
        ]);
}
