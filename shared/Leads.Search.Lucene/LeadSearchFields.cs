using System.Text.Json;
using Leads.EventStore;
using Leads.Projections;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace Leads.Search.Lucene;

/// <summary>
/// The index layout. One Lucene document per lead: keyword fields for the normal forms of current and historical
/// values (emails lower-cased, phone digits, folded name words; phones and names are matched by prefix queries), the
/// lead id as doc values for a stable sort, the position as a numeric field, and the whole search document as stored
/// JSON to rebuild hits. Parked events are documents of their own kind in the same index, so they are committed with
/// the batch that parked them.
/// </summary>
internal static class LeadSearchFields
{
    public const string Kind = "kind";
    public const string LeadKind = "lead";
    public const string ParkedKind = "parked";

    public const string LeadStream = "lead_stream";
    public const string LeadId = "lead_id";
    public const string Position = "pos";
    public const string PositionCommit = "pos_commit";
    public const string PositionPrepare = "pos_prepare";
    public const string Json = "json";

    public const string EmailCurrent = "email_cur";
    public const string EmailHistorical = "email_hist";
    public const string PhoneCurrent = "phone_cur";
    public const string PhoneHistorical = "phone_hist";
    public const string NameCurrent = "name_cur";
    public const string NameHistorical = "name_hist";

    public const string ParkedId = "parked_id";
    public const string ParkedStream = "parked_stream";

    public static Term LeadTerm(string streamId) => new(LeadStream, streamId);

    public static Term ParkedTerm(Guid eventId) => new(ParkedId, eventId.ToString("N"));

    public static Document ToLucene(string streamId, LeadSearchDocument lead, GlobalPosition position)
    {
        var doc = new Document
        {
            new StringField(Kind, LeadKind, Field.Store.NO),
            new StringField(LeadStream, streamId, Field.Store.YES),
            new NumericDocValuesField(LeadId, lead.LeadId),
        };
        AddPosition(doc, position);

        foreach (var email in lead.Emails)
        {
            doc.Add(new StringField(email.IsCurrent ? EmailCurrent : EmailHistorical, email.Key, Field.Store.NO));
        }

        foreach (var phone in lead.Phones)
        {
            doc.Add(new StringField(phone.IsCurrent ? PhoneCurrent : PhoneHistorical, phone.Key, Field.Store.NO));
        }

        foreach (var name in lead.Names)
        {
            foreach (var word in name.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                doc.Add(new StringField(name.IsCurrent ? NameCurrent : NameHistorical, word, Field.Store.NO));
            }
        }

        doc.Add(new StoredField(Json, JsonSerializer.SerializeToUtf8Bytes(lead, SearchDocumentJson.Default.LeadSearchDocument)));
        return doc;
    }

    public static StoredDocument<LeadSearchDocument> LeadFromLucene(Document doc) =>
        new(doc.Get(LeadStream), ReadLead(doc), ReadPosition(doc));

    public static LeadSearchDocument ReadLead(Document doc)
    {
        var bytes = doc.GetBinaryValue(Json);
        return JsonSerializer.Deserialize(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length), SearchDocumentJson.Default.LeadSearchDocument)
            ?? throw new InvalidDataException("empty search document");
    }

    public static Document ToLucene(ParkedEvent parked)
    {
        var doc = new Document
        {
            new StringField(Kind, ParkedKind, Field.Store.NO),
            new StringField(ParkedId, parked.EventId.ToString("N"), Field.Store.NO),
            new StringField(ParkedStream, parked.StreamId, Field.Store.NO),
        };
        AddPosition(doc, parked.Position);
        doc.Add(new StoredField(Json, JsonSerializer.SerializeToUtf8Bytes(parked, SearchDocumentJson.Default.ParkedEvent)));
        return doc;
    }

    public static ParkedEvent ParkedFromLucene(Document doc)
    {
        var bytes = doc.GetBinaryValue(Json);
        return JsonSerializer.Deserialize(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length), SearchDocumentJson.Default.ParkedEvent)
            ?? throw new InvalidDataException("empty parked event");
    }

    public static GlobalPosition ReadPosition(Document doc) =>
        new((ulong)doc.GetField(PositionCommit).GetInt64Value()!.Value, (ulong)doc.GetField(PositionPrepare).GetInt64Value()!.Value);

    private static void AddPosition(Document doc, GlobalPosition position)
    {
        doc.Add(new NumericDocValuesField(Position, (long)position.Commit));
        doc.Add(new StoredField(PositionCommit, (long)position.Commit));
        doc.Add(new StoredField(PositionPrepare, (long)position.Prepare));
    }
}
