using Grpc.Core;

namespace Leads.EventStore.EventStoreDb;

/// <summary>The stream was tombstoned (hard-deleted): nothing can be appended to it again.</summary>
public sealed class StreamDeletedException(string streamId, Exception? innerException = null)
    : EventStoreDbException($"The stream '{streamId}' has been deleted.", StatusCode.FailedPrecondition, "stream-deleted", innerException)
{
    public string StreamId { get; } = streamId;
}
