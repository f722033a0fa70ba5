namespace Leads.Domain;

/// <summary>Where a lead stands in the sales process. The numbers are stored in events: never renumber.</summary>
public enum LeadStatus
{
    Available = 1,
    FollowUp = 2,
    Closed = 3,
    Converted = 4,
}
