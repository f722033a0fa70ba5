namespace Leads.Domain.Events;

/// <summary>A fact about one lead. Events are records of primitives, stored under the stable names in <see cref="LeadEventTypes"/>.</summary>
public interface ILeadEvent
{
    long LeadId { get; }
}
