namespace Leads.IntegrationEvents.V1;

/// <summary>
/// The lead was forgotten (right to be forgotten): a consumer must erase the name, email and phone it keeps for the
/// lead. Carries no personal data itself.
/// </summary>
public sealed record LeadForgotten(long LeadId, Guid SourceEventId, ulong SourcePosition, DateTimeOffset RecordedAt)
    : ILeadIntegrationEvent;
