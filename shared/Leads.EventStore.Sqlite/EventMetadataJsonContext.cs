using System.Text.Json.Serialization;

namespace Leads.EventStore.Sqlite;

/// <summary>Source-generated JSON for event metadata: no reflection on the append path.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class EventMetadataJsonContext : JsonSerializerContext;
