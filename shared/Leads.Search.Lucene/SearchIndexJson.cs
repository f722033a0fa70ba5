using System.Text.Json.Serialization;
using Leads.Projections;

namespace Leads.Search.Lucene;

/// <summary>How a document and a parked event are stored in the index (a stored field holding JSON).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(LeadSearchDocument))]
[JsonSerializable(typeof(ParkedEvent))]
internal sealed partial class SearchIndexJson : JsonSerializerContext;
