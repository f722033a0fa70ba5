using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Search;
using Leads.EventStore;
using Leads.Projections;
using static Leads.Search.Elasticsearch.SearchFields;

namespace Leads.Search.Elasticsearch;

/// <summary>Reads the parts of Elasticsearch answers the index needs (the client parses them; the _source is ours).</summary>
internal static class SearchResponses
{
    public static IReadOnlyList<Hit<JsonObject>> Hits(SearchResponse<JsonObject> response) =>
        response.ApiCallDetails.HttpStatusCode == 404 ? [] : [.. response.Hits];

    public static LeadSearchDocument ReadLead(JsonNode? source) =>
        source?[Document]?.Deserialize(SearchDocumentJson.Default.LeadSearchDocument) ?? throw new InvalidDataException("search document without its doc field");

    public static ParkedEvent ReadParked(JsonNode? source) =>
        source?[Document]?.Deserialize(SearchDocumentJson.Default.ParkedEvent) ?? throw new InvalidDataException("parked event without its doc field");

    public static GlobalPosition ReadPosition(JsonNode? source) =>
        new(unchecked((ulong)source![PositionCommit]!.GetValue<long>()), unchecked((ulong)source[PositionPrepare]!.GetValue<long>()));

    public static long SortValue(Hit<JsonObject> hit) =>
        hit.Sort?.FirstOrDefault().TryGetLong(out var value) == true && value is { } sort ? sort : throw new InvalidDataException("search hit without its sort value");

    /// <summary>The _source of a GET answer; null when the document (or the index) does not exist.</summary>
    public static JsonObject? FoundSource(GetResponse<JsonObject> response) =>
        response.ApiCallDetails.HttpStatusCode == 200 && response.Found ? response.Source : null;

    /// <summary>The target of a rebuild marker; null when the marker says "swap at once".</summary>
    public static GlobalPosition? ReadTarget(JsonNode source) =>
        source[TargetCommit] is { } commit && commit.GetValueKind() == JsonValueKind.Number
            ? new GlobalPosition(unchecked((ulong)commit.GetValue<long>()), unchecked((ulong)source[TargetPrepare]!.GetValue<long>()))
            : null;
}
