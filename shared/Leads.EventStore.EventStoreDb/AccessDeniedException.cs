using Grpc.Core;

namespace Leads.EventStore.EventStoreDb;

/// <summary>The credentials are missing, wrong, or not allowed to do this.</summary>
public sealed class AccessDeniedException(string message, StatusCode statusCode, Exception? innerException = null)
    : EventStoreDbException(message, statusCode, "access-denied", innerException);
