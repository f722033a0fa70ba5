using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// Our <see cref="EventMetadata"/> as the JSON object stored in EventStoreDB's custom metadata. Correlation and
/// causation use the <c>$correlationId</c> / <c>$causationId</c> names EventStoreDB's own projections understand.
/// </summary>
internal static class CustomMetadataJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Serialize(EventMetadata metadata) =>
        JsonSerializer.SerializeToUtf8Bytes(
            new Document
            {
                CorrelationId = metadata.CorrelationId,
                CausationId = metadata.CausationId,
                UserId = metadata.UserId,
                TraceParent = metadata.TraceParent,
                TraceState = metadata.TraceState,
                CommandId = metadata.CommandId,
                CommandFingerprint = metadata.CommandFingerprint,
                RecordedAt = metadata.RecordedAt,
                OccurredAt = metadata.OccurredAt,
            },
            Options);

    /// <summary>Events written by other tools may carry anything (or nothing): what is not ours reads as empty.</summary>
    public static EventMetadata Parse(ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return EventMetadata.Empty;
        }

        try
        {
            var document = JsonSerializer.Deserialize<Document>(json, Options);
            return document is null
                ? EventMetadata.Empty
                : new EventMetadata
                {
                    CorrelationId = document.CorrelationId,
                    CausationId = document.CausationId,
                    UserId = document.UserId,
                    TraceParent = document.TraceParent,
                    TraceState = document.TraceState,
                    CommandId = document.CommandId,
                    CommandFingerprint = document.CommandFingerprint,
                    RecordedAt = document.RecordedAt,
                    OccurredAt = document.OccurredAt,
                };
        }
        catch (JsonException)
        {
            return EventMetadata.Empty;
        }
    }

    private sealed class Document
    {
        [JsonPropertyName("$correlationId")]
        public string? CorrelationId { get; init; }

        [JsonPropertyName("$causationId")]
        public string? CausationId { get; init; }

        [JsonPropertyName("userId")]
        public string? UserId { get; init; }

        [JsonPropertyName("traceparent")]
        public string? TraceParent { get; init; }

        [JsonPropertyName("tracestate")]
        public string? TraceState { get; init; }

        [JsonPropertyName("commandId")]
        public string? CommandId { get; init; }

        [JsonPropertyName("commandFingerprint")]
        public string? CommandFingerprint { get; init; }

        [JsonPropertyName("recordedAt")]
        public DateTimeOffset? RecordedAt { get; init; }

        [JsonPropertyName("occurredAt")]
        public DateTimeOffset? OccurredAt { get; init; }
    }
}
