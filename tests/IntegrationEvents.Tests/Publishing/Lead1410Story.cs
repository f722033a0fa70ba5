using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace IntegrationEvents.Tests.Publishing;

/// <summary>The talk's lead: initialized, named, Available, old contact, Follow-up, follow-up date, new contact, Converted.</summary>
public static class Lead1410Story
{
    public const long LeadId = 1410;

    public static readonly ILeadEvent[] Events =
    [
        new LeadWasInitialized(LeadId),
        new NameChanged(LeadId, "Stefan"),
        new StatusChanged(LeadId, LeadStatus.Available),
        new ContactInfoChanged(LeadId, "stefan@old.example", "03-27243457", "0327243457"),
        new StatusChanged(LeadId, LeadStatus.FollowUp),
        new FollowupSet(LeadId, new DateOnly(2016, 11, 23)),
        new ContactInfoChanged(LeadId, "stefan@new.example", "050-8139904", "0508139904"),
        new StatusChanged(LeadId, LeadStatus.Converted),
    ];

    /// <summary>
    /// The message types it publishes, in order: the conversion yields three, as it also leaves Follow-up and so clears
    /// the follow-up date.
    /// </summary>
    public static readonly string[] ExpectedTypes =
    [
        "LeadInitialized", "LeadRenamed", "LeadStatusChanged", "LeadContactChanged", "LeadStatusChanged",
        "LeadFollowupScheduled", "LeadContactChanged", "LeadStatusChanged", "LeadConverted", "LeadFollowupCleared",
    ];

    /// <summary>How many messages the story publishes.</summary>
    public static int Messages => ExpectedTypes.Length;

    public static async Task<GlobalPosition> WriteAsync(Support.LeadEventWriter writer, EventMetadata metadata, CancellationToken cancellationToken)
    {
        var last = GlobalPosition.Start;
        foreach (var e in Events)
        {
            last = await writer.AppendAsync(e, metadata, cancellationToken);
        }

        return last;
    }
}
