using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leads.EventStore;
using Leads.Projections;
using static Leads.Search.Elasticsearch.SearchFields;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// Every document and bulk body the search index sends, built in one place so that tests compare them with what
/// Elasticsearch should receive: the indexed documents and the bulk actions with external versions. The queries are in
/// <see cref="SearchQueries"/>.
/// </summary>
internal static class SearchRequests
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static long Db(ulong value) => unchecked((long)value);

    /// <summary>
    /// The external version of a document written at <paramref name="position"/>: its commit position, so Elasticsearch
    /// refuses (409, "already applied") a write at or below what it holds. Within one commit position EventStoreDB gives
    /// each event of a lead its own commit position, so the commit alone orders a lead's events.
    /// </summary>
    public static long VersionOf(GlobalPosition position) => Db(position.Commit);

    /// <summary>The indexed form of a lead: normal forms of every current and historical value, and the document itself.</summary>
    public static JsonObject LeadSource(string streamId, LeadSearchDocument lead, GlobalPosition position) => new()
    {
        [Kind] = LeadKind,
        [LeadId] = lead.LeadId,
        [StreamField] = streamId,
        [Status] = lead.Status?.ToString(),
        [PositionCommit] = Db(position.Commit),
        [PositionPrepare] = Db(position.Prepare),
        [EmailCurrent] = Keys(lead.Emails, current: true),
        [EmailHistorical] = Keys(lead.Emails, current: false),
        [PhoneCurrent] = Keys(lead.Phones, current: true),
        [PhoneHistorical] = Keys(lead.Phones, current: false),
        [NameCurrent] = Keys(lead.Names, current: true),
        [NameHistorical] = Keys(lead.Names, current: false),
        [Document] = JsonSerializer.SerializeToNode(lead, SearchDocumentJson.Default.LeadSearchDocument),
    };

    public static JsonObject ParkedSource(ParkedEvent parked) => new()
    {
        [Kind] = ParkedKind,
        [StreamField] = parked.StreamId,
        [PositionCommit] = Db(parked.Position.Commit),
        [PositionPrepare] = Db(parked.Position.Prepare),
        [Document] = JsonSerializer.SerializeToNode(parked, SearchDocumentJson.Default.ParkedEvent),
    };

    public static JsonObject CheckpointSource(GlobalPosition checkpoint) => new()
    {
        [Kind] = CheckpointKind,
        [PositionCommit] = Db(checkpoint.Commit),
        [PositionPrepare] = Db(checkpoint.Prepare),
    };

    public static JsonObject RebuildMarkerSource(GlobalPosition? target) => new()
    {
        [Kind] = RebuildKind,
        [TargetCommit] = target is { } t ? Db(t.Commit) : null,
        [TargetPrepare] = target is { } u ? Db(u.Prepare) : null,
    };

    /// <summary>Bulk action: index a lead only if its version (position) is higher than the stored one.</summary>
    public static JsonObject IndexLeadAction(string index, DocumentWrite<LeadSearchDocument> write) =>
        new()
        {
            ["index"] = new JsonObject
            {
                ["_index"] = index,
                ["_id"] = write.StreamId,
                ["version"] = VersionOf(write.Position),
                ["version_type"] = "external",
            },
        };

    /// <summary>Bulk action: park an event once (a create that finds the document is a repeat, not an error).</summary>
    public static JsonObject CreateParkedAction(string index, ParkedEvent parked) =>
        new() { ["create"] = new JsonObject { ["_index"] = index, ["_id"] = ParkedDocumentId(parked.EventId) } };

    public static JsonObject IndexParkedAction(string index, ParkedEvent parked) =>
        new() { ["index"] = new JsonObject { ["_index"] = index, ["_id"] = ParkedDocumentId(parked.EventId) } };

    public static JsonObject DeleteParkedAction(string index, ParkedEvent parked) =>
        new() { ["delete"] = new JsonObject { ["_index"] = index, ["_id"] = ParkedDocumentId(parked.EventId) } };

    /// <summary>The NDJSON body of one batch: its leads (external versions) and the events it parked.</summary>
    public static string CommitBulk(string index, ProjectionCommit<LeadSearchDocument> commit)
    {
        var lines = new List<JsonNode>(2 * (commit.Documents.Count + commit.Parked.Count));
        foreach (var write in commit.Documents)
        {
            lines.Add(IndexLeadAction(index, write));
            lines.Add(LeadSource(write.StreamId, write.Document, write.Position));
        }

        foreach (var parked in commit.Parked)
        {
            lines.Add(CreateParkedAction(index, parked));
            lines.Add(ParkedSource(parked));
        }

        return NdJson(lines);
    }

    /// <summary>The NDJSON body of a completed parked replay: the lead (guarded), the applied entries removed, the failing one replaced.</summary>
    public static string ParkedReplayBulk(string index, ParkedReplay<LeadSearchDocument> replay)
    {
        var lines = new List<JsonNode>();
        if (replay.Document is { } write)
        {
            lines.Add(IndexLeadAction(index, write));
            lines.Add(LeadSource(write.StreamId, write.Document, write.Position));
        }

        foreach (var applied in replay.Applied)
        {
            lines.Add(DeleteParkedAction(index, applied));
        }

        if (replay.StillFailing is { } failing)
        {
            lines.Add(IndexParkedAction(index, failing));
            lines.Add(ParkedSource(failing));
        }

        return NdJson(lines);
    }

    /// <summary>The rewound leads of a partial reset, written into the new index at their earlier positions.</summary>
    public static string RewoundBulk(string index, IEnumerable<RewoundDocument<LeadSearchDocument>> documents)
    {
        var lines = new List<JsonNode>();
        foreach (var d in documents)
        {
            if (d.Document is { } doc)
            {
                var position = d.Position ?? doc.Position;
                lines.Add(IndexLeadAction(index, new DocumentWrite<LeadSearchDocument>(d.StreamId, doc, position, null)));
                lines.Add(LeadSource(d.StreamId, doc, position));
            }
        }

        return NdJson(lines);
    }

    /// <summary>A request path. Index names and document ids here are ours (lower-case letters, digits, '-', '*'): nothing to escape.</summary>
    public static string Path(params string[] segments) => "/" + string.Join('/', segments);

    public static string ToJson(JsonNode node) => node.ToJsonString(Compact);

    private static string NdJson(IEnumerable<JsonNode> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line.ToJsonString(Compact)).Append('\n');
        }

        return text.ToString();
    }

    private static JsonArray Keys(IEnumerable<KnownValue> values, bool current) =>
        new([.. values.Where(v => v.IsCurrent == current).Select(v => (JsonNode)JsonValue.Create(v.Key)!)]);

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
