using Leads.Domain.Events;

namespace Leads.Domain.Tests;

/// <summary>Histories used across the specifications, starting from the talk's lead 1410.</summary>
internal static class Leads
{
    public const long Id = 1410;

    public static readonly ILeadEvent[] Initialized =
    [
        new LeadWasInitialized(Id),
        new NameChanged(Id, "Stefan"),
        new ContactInfoChanged(Id, "stefan@old.example", "03-27243457", "0327243457"),
        new StatusChanged(Id, LeadStatus.Available),
    ];

    public static ILeadEvent[] With(params ILeadEvent[] more) => [.. Initialized, .. more];

    public static ILeadEvent[] InFollowUp(params ILeadEvent[] more) => With([new StatusChanged(Id, LeadStatus.FollowUp), .. more]);
}
