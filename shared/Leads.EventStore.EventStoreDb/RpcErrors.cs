using System.Globalization;
using System.Net;
using Grpc.Core;

namespace Leads.EventStore.EventStoreDb;

/// <summary>Turns a failed call into our typed exceptions, reading the kind from the <c>exception</c> trailer.</summary>
internal static class RpcErrors
{
    public const string ExceptionKey = "exception";

    public static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.Internal;

    public static Exception ToException(RpcException error)
    {
        var kind = error.Trailers.GetValue(ExceptionKey) ?? string.Empty;
        switch (kind)
        {
            case "not-leader" when TryReadLeader(error.Trailers, out var leader):
                return new NotLeaderException(leader, error);
            case "stream-deleted":
                return new StreamDeletedException(error.Trailers.GetValue("stream-name") ?? string.Empty, error);
            case "maximum-append-size-exceeded":
                var max = long.TryParse(error.Trailers.GetValue("maximum-append-size"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : (long?)null;
                return new MaximumAppendSizeExceededException(max, error);
            case "access-denied":
                return new AccessDeniedException(Describe(error), error.StatusCode, error);
        }

        return error.StatusCode switch
        {
            StatusCode.PermissionDenied or StatusCode.Unauthenticated => new AccessDeniedException(Describe(error), error.StatusCode, error),
            _ => new EventStoreDbException(Describe(error), error.StatusCode, kind, error),
        };
    }

    private static bool TryReadLeader(Metadata trailers, out DnsEndPoint leader)
    {
        leader = null!;
        var host = trailers.GetValue("leader-endpoint-host");
        var portText = trailers.GetValue("leader-endpoint-port");
        if (string.IsNullOrEmpty(host)
            || !int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        leader = new DnsEndPoint(host, port);
        return true;
    }

    private static string Describe(RpcException error)
    {
        var kind = error.Trailers.GetValue(ExceptionKey);
        return kind is null
            ? $"EventStoreDB answered {error.StatusCode}: {error.Status.Detail}"
            : $"EventStoreDB answered {error.StatusCode} ({kind}): {error.Status.Detail}";
    }
}
