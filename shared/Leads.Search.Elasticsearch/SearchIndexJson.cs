using System.Text.Json.Serialization;
using Leads.Projections;

namespace Leads.Search.Elasticsearch;

/// <summary>How a search document and a parked event are kept in _source (the same shape the Lucene index stores).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(LeadSearchDocument))]
[JsonSerializable(typeof(ParkedEvent))]
internal sealed partial class SearchIndexJson : JsonSerializerContext;
