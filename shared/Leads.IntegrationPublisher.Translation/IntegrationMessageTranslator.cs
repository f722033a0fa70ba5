using System.Text.Json;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.IntegrationEvents.V1;
using Leads.Privacy;

namespace Leads.IntegrationPublisher.Translation;

/// <summary>
/// Domain events in, integration messages out: a pure function of the recorded event (data, id, position, recorded
/// time and metadata) and of whether the lead had a follow-up just before it (<see cref="FollowupBefore"/>). Domain
/// events stay private to the lead context; these records are the published contract.
/// </summary>
public static class IntegrationMessageTranslator
{
    /// <summary>
    /// Translates an event read through the codec: personal data revealed with the lead's key; once the lead was
    /// forgotten its erased personal data is not published again (a replay sends LeadForgotten, never old values). A
    /// status change looks back in <paramref name="store"/> for a follow-up it clears.
    /// </summary>
    public static async Task<Translation> TranslateAsync(RecordedEvent recorded, LeadEventCodec codec, IEventStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(codec);
        if (recorded.IsSystemEvent || !LeadStream.TryParseId(recorded.StreamId, out _))
        {
            return new Translation.Ignore();
        }

        try
        {
            var followupWasSet = FollowupBefore.Says(recorded) is false
                && await FollowupBefore.WasSetAsync(store, recorded, cancellationToken).ConfigureAwait(false);
            return Translate(recorded with { Data = await codec.RevealAsync(recorded, cancellationToken).ConfigureAwait(false) }, followupWasSet);
        }
        catch (Exception ex) when (ex is JsonException or System.Security.Cryptography.CryptographicException)
        {
            return new Translation.Untranslatable($"{recorded.EventType} data cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// Translates a stream of recorded events in order, following each lead's follow-up as it goes: what the publisher
    /// sends for them, read from the start of their streams.
    /// </summary>
    public static IEnumerable<Translation> TranslateAll(IEnumerable<RecordedEvent> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        var followups = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var e in recorded)
        {
            var says = FollowupBefore.Says(e);
            yield return Translate(e, followupWasSet: says is false && followups.GetValueOrDefault(e.StreamId));
            if (says is { } set)
            {
                followups[e.StreamId] = set;
            }
        }
    }

    /// <summary>
    /// Translates one event. <paramref name="followupWasSet"/>: the lead had a follow-up just before it, so a status
    /// change away from Follow-up also publishes LeadFollowupCleared.
    /// </summary>
    public static Translation Translate(RecordedEvent recorded, bool followupWasSet = false)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (recorded.IsSystemEvent || !LeadStream.TryParseId(recorded.StreamId, out var streamLeadId))
        {
            return new Translation.Ignore();
        }

        ILeadEvent? e;
        try
        {
            e = LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return new Translation.Untranslatable($"{recorded.EventType} data does not read as that event: {ex.Message}");
        }

        if (e is null)
        {
            return new Translation.Untranslatable($"{recorded.EventType} is not a lead event this publisher knows");
        }

        if (e.LeadId != streamLeadId)
        {
            return new Translation.Untranslatable($"{recorded.EventType} names lead {e.LeadId} but is stored in {recorded.StreamId}");
        }

        if (e is NameChanged { Name: PersonalData.Erased } or ContactInfoChanged { Email: PersonalData.Erased })
        {
            return new Translation.Untranslatable($"{recorded.EventType} holds personal data that was erased (the lead was forgotten)");
        }

        var position = recorded.Position.Value;
        var at = recorded.Created;
        var id = recorded.EventId;
        return e switch
        {
            LeadWasInitialized x => Messages(recorded, new LeadInitialized(x.LeadId, id, position, at)),
            NameChanged x => Messages(recorded, new LeadRenamed(x.LeadId, x.Name, id, position, at)),
            ContactInfoChanged x => Messages(recorded, new LeadContactChanged(x.LeadId, x.Email, x.Phone, id, position, at)),
            StatusChanged x when StatusName(x.Status) is { } name => Messages(
                recorded,
                [
                    new LeadStatusChanged(x.LeadId, name, id, position, at),
                    .. x.Status == LeadStatus.Converted ? [new LeadConverted(x.LeadId, id, position, at)] : Array.Empty<ILeadIntegrationEvent>(),
                    // Leaving Follow-up clears the follow-up date (LeadState.Evolve); consumers are told so.
                    .. followupWasSet && x.Status != LeadStatus.FollowUp
                        ? [new LeadFollowupCleared(x.LeadId, id, position, at)]
                        : Array.Empty<ILeadIntegrationEvent>(),
                ]),
            StatusChanged x => new Translation.Untranslatable($"status {(int)x.Status} has no published name"),
            FollowupSet x => Messages(recorded, new LeadFollowupScheduled(x.LeadId, x.FollowupOn, id, position, at)),
            Domain.Events.LeadForgotten x => Messages(recorded, new IntegrationEvents.V1.LeadForgotten(x.LeadId, id, position, at)),
            _ => new Translation.Untranslatable($"{recorded.EventType} has no integration message"),
        };
    }

    /// <summary>The stable kind of a message, part of its MessageId: never change one once published.</summary>
    public static string KindOf(ILeadIntegrationEvent message) => message switch
    {
        LeadInitialized => "LeadInitialized.v1",
        LeadRenamed => "LeadRenamed.v1",
        LeadContactChanged => "LeadContactChanged.v1",
        LeadStatusChanged => "LeadStatusChanged.v1",
        LeadFollowupScheduled => "LeadFollowupScheduled.v1",
        LeadFollowupCleared => "LeadFollowupCleared.v1",
        LeadConverted => "LeadConverted.v1",
        IntegrationEvents.V1.LeadForgotten => "LeadForgotten.v1",
        _ => throw new ArgumentOutOfRangeException(nameof(message), message.GetType().Name, "not a published message"),
    };

    private static string? StatusName(LeadStatus status) => status switch
    {
        LeadStatus.Available => LeadStatuses.Available,
        LeadStatus.FollowUp => LeadStatuses.FollowUp,
        LeadStatus.Closed => LeadStatuses.Closed,
        LeadStatus.Converted => LeadStatuses.Converted,
        _ => null,
    };

    private static Translation.Publish Messages(RecordedEvent recorded, params ILeadIntegrationEvent[] messages) =>
        new(Array.ConvertAll(messages, m =>
        {
            var kind = KindOf(m);
            return new IntegrationMessage(
                MessageIds.For(recorded.EventId, kind),
                kind,
                m,
                recorded.Metadata.CorrelationId,
                recorded.Metadata.TraceParent,
                recorded.Metadata.TraceState);
        }));
}
