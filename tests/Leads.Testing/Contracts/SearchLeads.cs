using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;

namespace Leads.Testing.Contracts;

/// <summary>Leads from the talk and helpers that fold events into search documents at chosen positions.</summary>
public static class SearchLeads
{
    public static ILeadEvent[] Story1410 => LeadEvents.Story1410;

    /// <summary>Lead 1410's search document, its events from position 1 on.</summary>
    public static LeadSearchDocument Lead1410 => Fold(1, Story1410);

    /// <summary>A new lead as InitializeLead records it.</summary>
    public static ILeadEvent[] Initialized(long leadId, string name, string email, string phone) =>
    [
        new LeadWasInitialized(leadId),
        new NameChanged(leadId, name),
        new ContactInfoChanged(leadId, email, phone, new string(phone.Where(char.IsAsciiDigit).ToArray())),
        new StatusChanged(leadId, LeadStatus.Available),
    ];

    /// <summary>Folds a lead's events, the first at global position <paramref name="firstPosition"/>.</summary>
    public static LeadSearchDocument Fold(ulong firstPosition, params ILeadEvent[] events)
    {
        var streamId = LeadStream.Name(events[0].LeadId);
        var contexts = events.Select((e, i) => ((object)e, Context(streamId, (ulong)i, firstPosition + (ulong)i, e)));
        return LeadSearchProjection.Definition.Fold(streamId, contexts);
    }

    public static EventContext Context(string streamId, ulong revision, ulong position, ILeadEvent e) =>
        new(streamId, revision, GlobalPosition.FromSequence(position), Guid.NewGuid(), LeadEventTypes.Of(e),
            DateTimeOffset.UnixEpoch.AddSeconds(position), EventMetadata.Empty);

    public static DocumentWrite<LeadSearchDocument> Write(LeadSearchDocument document) =>
        new(LeadStream.Name(document.LeadId), document, document.Position, null);
}
