using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.Privacy;
using Leads.Projections;

namespace Leads.Search;

/// <summary>
/// The search projection: <c>document + event -> document</c>, pure. One handler per event type; an event that
/// search does not care about leaves the document as it is (only its position moves on). A new value becomes current
/// and the value it replaces is kept as historical, so a lead stays findable by anything it was ever known by.
/// FollowupSet is not registered: search does not show follow-up dates.
/// </summary>
public static class LeadSearchProjection
{
    public const string Name = "lead-search";

    /// <summary>
    /// The projection as the runtime runs it: handlers registered per event type, then the document's position and
    /// revision moved to the event's. Idempotency by position is the runtime's and the store's job.
    /// </summary>
    public static Projection<LeadSearchDocument> Definition { get; } =
        Build(new ProjectionBuilder<LeadSearchDocument>(Name, Initial, Decode));

    /// <summary>
    /// The projection the search projector runs: events read through the codec (personal data revealed with the lead's
    /// key, erased once it is deleted), so a replay after an erasure indexes nothing personal.
    /// </summary>
    public static Projection<LeadSearchDocument> For(LeadEventCodec codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        return Build(new ProjectionBuilder<LeadSearchDocument>(
            Name,
            Initial,
            async (recorded, cancellationToken) => LeadStream.TryParseId(recorded.StreamId, out _)
                ? await codec.ReadAsync(recorded, cancellationToken).ConfigureAwait(false)
                : null).PrepareBatch(codec.PrefetchKeysAsync));
    }

    private static Projection<LeadSearchDocument> Build(ProjectionBuilder<LeadSearchDocument> builder) =>
        builder
            .SubscribeTo(SubscriptionFilter.StreamPrefix(LeadStream.Prefix))
            .On<LeadWasInitialized>((doc, e, _) => Initialized(doc, e))
            .On<NameChanged>((doc, e, _) => Renamed(doc, e))
            .On<ContactInfoChanged>((doc, e, _) => ContactChanged(doc, e))
            .On<StatusChanged>((doc, e, _) => StatusChanged(doc, e))
            .On<LeadForgotten>((doc, e, _) => Forgotten(doc, e))
            .AfterEach((doc, ctx) => doc with { Position = ctx.Position, Revision = ctx.StreamRevision })
            .Build();

    /// <summary>The document of stream <c>lead-&lt;id&gt;</c> before any event.</summary>
    public static LeadSearchDocument Initial(string streamId) =>
        new(LeadStream.TryParseId(streamId, out var leadId) ? leadId : 0);

    /// <summary>A stored lead event as its record; null for anything else. Corrupt data throws (the runtime parks it).</summary>
    public static object? Decode(RecordedEvent recorded) =>
        LeadStream.TryParseId(recorded.StreamId, out _)
            ? LeadEventSerializer.Deserialize(recorded.EventType, recorded.Data.Span)
            : null;

    /// <summary>The change one event makes, without position bookkeeping.</summary>
    public static LeadSearchDocument Evolve(LeadSearchDocument document, ILeadEvent e) => e switch
    {
        LeadWasInitialized x => Initialized(document, x),
        NameChanged x => Renamed(document, x),
        ContactInfoChanged x => ContactChanged(document, x),
        StatusChanged x => StatusChanged(document, x),
        LeadForgotten x => Forgotten(document, x),
        _ => document,
    };

    public static LeadSearchDocument Initialized(LeadSearchDocument document, LeadWasInitialized e) =>
        document with { };

    public static LeadSearchDocument Renamed(LeadSearchDocument document, NameChanged e) =>
        PersonalData.IsErased(e.Name) ? document : document with
        {
            Name = e.Name,
            Names = Remember(document.Names, e.Name, string.Join(' ', SearchText.NameWords(e.Name))),
        };

    public static LeadSearchDocument ContactChanged(LeadSearchDocument document, ContactInfoChanged e)
    {
        if (PersonalData.IsErased(e.Email) || PersonalData.IsErased(e.Phone))
        {
            return document;
        }

        var digits = string.IsNullOrEmpty(e.PhoneDigits) ? SearchText.PhoneDigits(e.Phone) : e.PhoneDigits;
        return document with
        {
            Email = e.Email,
            Phone = e.Phone,
            PhoneDigits = digits,
            Emails = Remember(document.Emails, e.Email, SearchText.Email(e.Email)),
            Phones = Remember(document.Phones, e.Phone, digits),
        };
    }

    /// <summary>
    /// The lead was forgotten: every name, email and phone it had goes, current and historical, so no search finds it.
    /// The document stays, empty, only to hold its position (a replayed event must still be recognised as applied).
    /// </summary>
    public static LeadSearchDocument Forgotten(LeadSearchDocument document, LeadForgotten e) =>
        new(document.LeadId) { Status = document.Status };

    /// <summary>
    /// These writes erase personal data: a lead that had a document before the batch has none of it left (it was
    /// forgotten). An index then purges the old versions of those documents from disk.
    /// </summary>
    public static bool Erases(IEnumerable<DocumentWrite<LeadSearchDocument>> writes) =>
        writes.Any(w => w.PreviousPosition is not null
            && w.Document is { Names.Count: 0, Emails.Count: 0, Phones.Count: 0, Name: "", Email: "", Phone: "" });

    public static LeadSearchDocument StatusChanged(LeadSearchDocument document, StatusChanged e) =>
        document with { Status = e.Status };

    /// <summary>
    /// Makes <paramref name="value"/> the one current value; what was current becomes historical. A value seen before
    /// (same key) becomes current again in its old place, so each value is listed once.
    /// </summary>
    private static List<KnownValue> Remember(IReadOnlyList<KnownValue> known, string value, string key)
    {
        var remembered = new List<KnownValue>(known.Count + 1);
        var seen = false;
        foreach (var k in known)
        {
            if (string.Equals(k.Key, key, StringComparison.Ordinal))
            {
                remembered.Add(new KnownValue(value, key, IsCurrent: true));
                seen = true;
            }
            else
            {
                remembered.Add(k.IsCurrent ? k with { IsCurrent = false } : k);
            }
        }

        if (!seen)
        {
            remembered.Add(new KnownValue(value, key, IsCurrent: true));
        }

        return remembered;
    }
}
