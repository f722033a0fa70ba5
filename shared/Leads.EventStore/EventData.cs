namespace Leads.EventStore;

/// <summary>An event proposed for appending: a stable type name, JSON data and metadata.</summary>
public sealed record EventData(Guid EventId, string EventType, ReadOnlyMemory<byte> Data, EventMetadata Metadata)
{
    public const string JsonContentType = "application/json";
}
