namespace Leads.CommandService.Retention;

/// <summary>A lead whose current status is Closed, and since when (the recorded time of its StatusChanged to Closed).</summary>
public sealed record ClosedLead(long LeadId, DateTimeOffset ClosedSince);
