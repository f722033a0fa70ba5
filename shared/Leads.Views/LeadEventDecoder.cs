using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.Views;

/// <summary>Turns stored lead events into event records for lead projections (null for anything else).</summary>
public static class LeadEventDecoder
{
    public static object? Decode(RecordedEvent recorded) =>
        LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span);

    /// <summary>The lead id of a lead stream; 0 for any other stream.</summary>
    public static long LeadIdOf(string streamId) => Domain.LeadStream.TryParseId(streamId, out var id) ? id : 0;
}
