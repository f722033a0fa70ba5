using Leads.Domain;
using Leads.Domain.Events;

namespace Leads.CommandService.ImportLeads;

/// <summary>One accepted row: the lead it names and the events the domain decided for it, with their derived ids.</summary>
public sealed record ImportedLead(long Line, long LeadId, IReadOnlyList<ILeadEvent> Events, IReadOnlyList<Guid> EventIds)
{
    public string StreamId => LeadStream.Name(LeadId);
}
