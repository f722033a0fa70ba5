using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;

namespace Leads.Views;

/// <summary>Turns stored lead events into event records for lead projections (null for anything else).</summary>
public static class LeadEventDecoder
{
    /// <summary>Reads the stored JSON as it is: for events written in the clear (tests, tools). Services use <see cref="With"/>.</summary>
    public static object? Decode(RecordedEvent recorded) =>
        LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span);

    /// <summary>Reads events through the codec: personal data revealed with the lead's key, or erased when it was deleted.</summary>
    public static Func<RecordedEvent, CancellationToken, ValueTask<object?>> With(LeadEventCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return async (recorded, cancellationToken) => await codec.ReadAsync(recorded, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The lead id of a lead stream; 0 for any other stream.</summary>
    public static long LeadIdOf(string streamId) => Domain.LeadStream.TryParseId(streamId, out var id) ? id : 0;
}
