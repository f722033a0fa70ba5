using Grpc.Core;

namespace Leads.EventStore.EventStoreDb;

/// <summary>
/// A failure reported by EventStoreDB: the gRPC status and the kind the server named in its <c>exception</c> trailer
/// (empty when it named none). Transient failures (Unavailable, Aborted, Internal) have already been retried.
/// </summary>
public class EventStoreDbException(string message, StatusCode statusCode, string kind, Exception? innerException = null)
    : Exception(message, innerException)
{
    public StatusCode StatusCode { get; } = statusCode;

    /// <summary>The server's <c>exception</c> trailer, such as <c>stream-deleted</c> or <c>not-leader</c>.</summary>
    public string Kind { get; } = kind;

    public bool IsTransient => StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.Internal;
}
