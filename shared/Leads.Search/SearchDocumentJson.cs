using System.Text.Json.Serialization;
using Leads.Projections;

namespace Leads.Search;

/// <summary>
/// How every search engine stores a search document and a parked event as JSON (a stored field in Lucene, _source in
/// Elasticsearch): one shape, so the engines' contents compare and a parked event reads the same everywhere.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(LeadSearchDocument))]
[JsonSerializable(typeof(ParkedEvent))]
public sealed partial class SearchDocumentJson : JsonSerializerContext;
