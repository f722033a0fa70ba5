namespace Leads.IntegrationEvents.V1;

/// <summary>
/// The status names <see cref="LeadStatusChanged"/> carries. Strings, not an enum, so that a consumer built against
/// this version still reads a status added later (and can ignore it).
/// </summary>
public static class LeadStatuses
{
    public const string Available = "Available";
    public const string FollowUp = "FollowUp";
    public const string Closed = "Closed";
    public const string Converted = "Converted";
}
