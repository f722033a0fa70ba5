namespace Leads.Projections;

/// <summary>
/// The outcome of replaying a stream's parked events: the document after the ones that now apply, the parked entries
/// to remove (applied), and the entry that failed again (its error updated, no longer marked held), if any.
/// </summary>
public sealed record ParkedReplay<TDoc>(
    DocumentWrite<TDoc>? Document,
    IReadOnlyList<ParkedEvent> Applied,
    ParkedEvent? StillFailing)
    where TDoc : class;
