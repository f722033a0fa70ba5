namespace Leads.Views;

/// <summary>What the view projector keeps per lead: its view and its status log, under one checkpoint.</summary>
public sealed record LeadReadModel(LeadView View, StatusLog StatusLog)
{
    public static LeadReadModel Empty(long leadId) => new(LeadView.Empty(leadId), StatusLog.Empty(leadId));
}
