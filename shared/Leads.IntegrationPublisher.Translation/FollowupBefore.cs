using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;

namespace Leads.IntegrationPublisher.Translation;

/// <summary>
/// Whether a lead had a follow-up date just before one of its events, as <see cref="LeadState.Evolve"/> folds it: a
/// FollowupSet sets it, a StatusChanged to anything but Follow-up clears it, nothing else touches it. The publisher
/// needs it to tell consumers that a status change cleared a follow-up (LeadFollowupCleared): the StatusChanged event
/// alone does not say whether one was set. Neither event carries personal data, so no key is needed to read them.
/// </summary>
public static class FollowupBefore
{
    /// <summary>
    /// What one event says about the follow-up: set (true), cleared (false) or nothing (null). A status change whose
    /// data cannot be read says nothing here (the translator reports it as untranslatable on its own).
    /// </summary>
    public static bool? Says(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        switch (recorded.EventType)
        {
            case LeadEventTypes.FollowupSet:
                return true;
            case LeadEventTypes.StatusChanged:
                try
                {
                    return LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span) is StatusChanged { Status: not LeadStatus.FollowUp }
                        ? false
                        : null;
                }
                catch (System.Text.Json.JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    /// <summary>
    /// Reads the lead's stream backwards from the event before <paramref name="recorded"/> to the last event that says
    /// something about the follow-up (usually one or two events back).
    /// </summary>
    public static async Task<bool> WasSetAsync(IEventStore store, RecordedEvent recorded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.StreamRevision == 0)
        {
            return false;
        }

        await foreach (var earlier in store.ReadStreamAsync(
            recorded.StreamId, ReadDirection.Backwards, StreamPosition.At(recorded.StreamRevision - 1), long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if (Says(earlier) is { } set)
            {
                return set;
            }
        }

        return false;
    }
}
