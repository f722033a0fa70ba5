using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;

namespace Projections.Tests.Specifications;

/// <summary>Given events of one lead, recorded one minute apart at positions 1, 2, ...: the input of a projection spec.</summary>
public static class Given
{
    public static readonly DateTimeOffset Start = new(2016, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset RecordedAt(int index) => Start.AddMinutes(index);

    public static IReadOnlyList<(object Event, EventContext Context)> Events(params ILeadEvent[] events) =>
        [.. events.Select((e, i) => ((object)e, new EventContext(
            LeadStream.Name(e.LeadId), (ulong)i, GlobalPosition.FromSequence((ulong)i + 1), Guid.NewGuid(), LeadEventTypes.Of(e), RecordedAt(i), EventMetadata.Empty)))];

    /// <summary>The talk's lead 1410.</summary>
    public static ILeadEvent[] Lead1410 { get; } =
    [
        new LeadWasInitialized(1410),
        new NameChanged(1410, "Stefan"),
        new StatusChanged(1410, LeadStatus.Available),
        new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"),
        new StatusChanged(1410, LeadStatus.FollowUp),
        new FollowupSet(1410, new DateOnly(2016, 11, 23)),
        new ContactInfoChanged(1410, "stefan@new.example", "050-8139904", "0508139904"),
        new StatusChanged(1410, LeadStatus.Converted),
    ];
}
