using System.Text.Json;
using System.Text.Json.Nodes;
using Leads.EventStore;
using Leads.Projections;
using static Leads.Search.Elasticsearch.SearchFields;

namespace Leads.Search.Elasticsearch;

/// <summary>Reads the parts of Elasticsearch answers the index needs.</summary>
internal static class SearchResponses
{
    public static JsonArray Hits(JsonNode? response) => response?["hits"]?["hits"] as JsonArray ?? [];

    public static LeadSearchDocument ReadLead(JsonNode? source) =>
        source?[Document]?.Deserialize(SearchDocumentJson.Default.LeadSearchDocument) ?? throw new InvalidDataException("search document without its doc field");

    public static ParkedEvent ReadParked(JsonNode? source) =>
        source?[Document]?.Deserialize(SearchDocumentJson.Default.ParkedEvent) ?? throw new InvalidDataException("parked event without its doc field");

    public static GlobalPosition ReadPosition(JsonNode? source) =>
        new(unchecked((ulong)source![PositionCommit]!.GetValue<long>()), unchecked((ulong)source[PositionPrepare]!.GetValue<long>()));

    public static long SortValue(JsonNode hit) => hit["sort"]![0]!.GetValue<long>();

    /// <summary>The _source of a GET answer; null when the document (or the index) does not exist.</summary>
    public static JsonNode? FoundSource(int status, JsonNode? response) =>
        status == 200 && response?["found"]?.GetValue<bool>() == true ? response["_source"] : null;

    /// <summary>The target of a rebuild marker; null when the marker says "swap at once".</summary>
    public static GlobalPosition? ReadTarget(JsonNode source) =>
        source[TargetCommit] is { } commit && commit.GetValueKind() == JsonValueKind.Number
            ? new GlobalPosition(unchecked((ulong)commit.GetValue<long>()), unchecked((ulong)source[TargetPrepare]!.GetValue<long>()))
            : null;
}
