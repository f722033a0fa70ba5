using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Leads.EventStore;
using Leads.Projections;
using static Leads.Search.Elasticsearch.SearchFields;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// Every document and write the search index sends, built in one place as typed client requests: the indexed documents
/// (our own _source shape, so plain JSON objects) and the bulk operations with external versions. The queries are in
/// <see cref="SearchQueries"/>.
/// </summary>
internal static class SearchRequests
{
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

    /// <summary>Bulk operation: index a lead only if its version (position) is higher than the stored one.</summary>
    public static BulkIndexOperation<JsonObject> IndexLead(string index, string streamId, LeadSearchDocument lead, GlobalPosition position) =>
        new(LeadSource(streamId, lead, position)) { Index = index, Id = streamId, Version = VersionOf(position), VersionType = VersionType.External };

    /// <summary>Bulk operation: park an event once (a create that finds the document is a repeat, not an error).</summary>
    public static BulkCreateOperation<JsonObject> CreateParked(string index, ParkedEvent parked) =>
        new(ParkedSource(parked)) { Index = index, Id = ParkedDocumentId(parked.EventId) };

    public static BulkIndexOperation<JsonObject> IndexParked(string index, ParkedEvent parked) =>
        new(ParkedSource(parked)) { Index = index, Id = ParkedDocumentId(parked.EventId) };

    public static BulkDeleteOperation DeleteParked(string index, ParkedEvent parked) =>
        new(ParkedDocumentId(parked.EventId)) { Index = index };

    /// <summary>The bulk request of one batch: its leads (external versions) and the events it parked.</summary>
    public static BulkRequest CommitBulk(string index, ProjectionCommit<LeadSearchDocument> commit)
    {
        var operations = new List<IBulkOperation>(commit.Documents.Count + commit.Parked.Count);
        operations.AddRange(commit.Documents.Select(w => IndexLead(index, w.StreamId, w.Document, w.Position)));
        operations.AddRange(commit.Parked.Select(p => CreateParked(index, p)));
        return Bulk(operations);
    }

    /// <summary>The bulk request of a completed parked replay: the lead (guarded), the applied entries removed, the failing one replaced.</summary>
    public static BulkRequest ParkedReplayBulk(string index, ParkedReplay<LeadSearchDocument> replay)
    {
        var operations = new List<IBulkOperation>();
        if (replay.Document is { } write)
        {
            operations.Add(IndexLead(index, write.StreamId, write.Document, write.Position));
        }

        operations.AddRange(replay.Applied.Select(applied => DeleteParked(index, applied)));
        if (replay.StillFailing is { } failing)
        {
            operations.Add(IndexParked(index, failing));
        }

        return Bulk(operations);
    }

    /// <summary>The rewound leads of a partial reset, written into the new index at their earlier positions.</summary>
    public static BulkRequest RewoundBulk(string index, IEnumerable<RewoundDocument<LeadSearchDocument>> documents) =>
        Bulk([.. documents
            .Where(d => d.Document is not null)
            .Select(d => IndexLead(index, d.StreamId, d.Document!, d.Position ?? d.Document!.Position))]);

    /// <summary>The checkpoint document, written after the bulk request it describes.</summary>
    public static IndexRequest<JsonObject> Checkpoint(string index, GlobalPosition checkpoint) =>
        new(CheckpointSource(checkpoint), index, CheckpointId);

    /// <summary>The marker of an index being rebuilt, refreshed so that a restart's start-up sees it.</summary>
    public static IndexRequest<JsonObject> RebuildMarker(string index, GlobalPosition? target) =>
        new(RebuildMarkerSource(target), index, RebuildId) { Refresh = Refresh.True };

    private static BulkRequest Bulk(List<IBulkOperation> operations) => new() { Operations = [.. operations] };

    private static JsonArray Keys(IEnumerable<KnownValue> values, bool current) =>
        new([.. values.Where(v => v.IsCurrent == current).Select(v => (JsonNode)JsonValue.Create(v.Key)!)]);
}
