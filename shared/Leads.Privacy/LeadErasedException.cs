namespace Leads.Privacy;

/// <summary>Personal data cannot be written for a lead whose key was deleted: the lead was forgotten.</summary>
public sealed class LeadErasedException(long leadId)
    : InvalidOperationException($"lead was forgotten: lead {leadId}'s data key is deleted, so no personal data can be recorded for it")
{
    public long LeadId { get; } = leadId;
}
