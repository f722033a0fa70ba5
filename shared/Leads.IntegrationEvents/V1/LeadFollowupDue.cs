namespace Leads.IntegrationEvents.V1;

/// <summary>
/// The lead's follow-up date, <paramref name="FollowupOn"/>, has arrived (UTC) and the lead is still in Follow-up with
/// that date. Published once per follow-up by the reminder process; the source is the FollowupSet event that set the
/// date (its id, position and recorded time), and the MessageId derives from it and the lead, so a repeat has the same id.
/// </summary>
public sealed record LeadFollowupDue(
    long LeadId,
    DateOnly FollowupOn,
    Guid SourceEventId,
    ulong SourcePosition,
    DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
