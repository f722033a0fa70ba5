namespace Leads.Analytics;

/// <summary>
/// A name or contact change, as analytics sees it: that it happened (a command), never what it said. The events with
/// personal data are decoded to this without reading their data, so analytics needs no lead keys.
/// </summary>
public sealed record LeadDetailsChanged;
