using Grpc.Core;

namespace Leads.EventStore.EventStoreDb;

/// <summary>The append was larger than the server accepts in one call (1 MiB by default).</summary>
public sealed class MaximumAppendSizeExceededException(long? maximumAppendSize, Exception? innerException = null)
    : EventStoreDbException(
        maximumAppendSize is { } max ? $"The append exceeds the server's maximum append size of {max} bytes." : "The append exceeds the server's maximum append size.",
        StatusCode.InvalidArgument,
        "maximum-append-size-exceeded",
        innerException)
{
    public long? MaximumAppendSize { get; } = maximumAppendSize;
}
