using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>Search documents folded by the real projection, at chosen positions.</summary>
public static class SearchDocuments
{
    public static ILeadEvent[] Story1410 { get; } =
    [
        new LeadWasInitialized(1410),
        new NameChanged(1410, "Stefan Müller"),
        new StatusChanged(1410, LeadStatus.Available),
        new ContactInfoChanged(1410, "stefan@old.example", "03-27243457", "0327243457"),
        new StatusChanged(1410, LeadStatus.FollowUp),
        new FollowupSet(1410, new DateOnly(2016, 11, 23)),
        new ContactInfoChanged(1410, "stefan@new.example", "050-8139904", "0508139904"),
        new StatusChanged(1410, LeadStatus.Converted),
    ];

    public static LeadSearchDocument Fold(ulong firstPosition, params ILeadEvent[] events)
    {
        var streamId = LeadStream.Name(events[0].LeadId);
        var contexts = events.Select((e, i) => ((object)e, new EventContext(
            streamId, (ulong)i, GlobalPosition.FromSequence(firstPosition + (ulong)i), Guid.NewGuid(), LeadEventTypes.Of(e),
            DateTimeOffset.UnixEpoch.AddSeconds(firstPosition + (ulong)i), EventMetadata.Empty)));
        return LeadSearchProjection.Definition.Fold(streamId, contexts);
    }

    public static LeadSearchDocument Lead1410 => Fold(1, Story1410);

    public static DocumentWrite<LeadSearchDocument> Write(LeadSearchDocument document) =>
        new(LeadStream.Name(document.LeadId), document, document.Position, null);

    public static SearchQuery Query(string text, int pageSize = 10) => SearchQuery.Parse(text, pageSize).Value!;
}
