using Leads.Domain.Events;

namespace Leads.Domain;

/// <summary>
/// A lead's stream as a decision needs it: the state folded to <see cref="Revision"/> (null: no stream yet) and the
/// types of its events by revision. <see cref="Recorded"/> may be only the tail of the stream, as long as it holds
/// every event after the revision a caller says it saw.
/// </summary>
public sealed record LeadHistory(LeadState State, ulong? Revision, IReadOnlyList<MissedEvent> Recorded)
{
    public static LeadHistory None { get; } = new(LeadState.Initial, null, []);

    /// <summary>A whole stream of <paramref name="events"/>, numbered from revision 0.</summary>
    public static LeadHistory Of(IReadOnlyList<ILeadEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Count == 0
            ? None
            : new(LeadState.Fold(events), (ulong)events.Count - 1, events.Select((e, i) => new MissedEvent((ulong)i, LeadEventTypes.Of(e))).ToList());
    }

    /// <summary>Events after <paramref name="revision"/>, in stream order.</summary>
    public IEnumerable<MissedEvent> After(ulong revision) => Recorded.Where(e => e.Revision > revision);
}
