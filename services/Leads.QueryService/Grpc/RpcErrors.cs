using Grpc.Core;

namespace Leads.QueryService.Grpc;

/// <summary>The precise gRPC statuses the query service answers with; a bad field is named in the <c>field</c> trailer.</summary>
internal static class RpcErrors
{
    public static RpcException InvalidArgument(string field, string message) =>
        new(new Status(StatusCode.InvalidArgument, message), new Metadata { { "field", field } });

    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException OutOfRange(string field, string message) =>
        new(new Status(StatusCode.OutOfRange, message), new Metadata { { "field", field } });

    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    public static RpcException DataLoss(string message) => new(new Status(StatusCode.DataLoss, message));

    public static RpcException LeadNotFound(long leadId) => NotFound($"lead {leadId} does not exist");

    /// <summary>Lead ids are positive: anything else is InvalidArgument naming <c>lead_id</c>.</summary>
    public static void ThrowIfInvalidLeadId(long leadId)
    {
        if (leadId <= 0)
        {
            throw InvalidArgument("lead_id", $"lead_id must be a positive number (got {leadId})");
        }
    }

    /// <summary>Page sizes are 1 to <paramref name="max"/>: anything else is InvalidArgument naming <c>page_size</c>.</summary>
    public static void ThrowIfInvalidPageSize(int pageSize, int max)
    {
        if (pageSize < 1 || pageSize > max)
        {
            throw InvalidArgument("page_size", $"page_size must be between 1 and {max} (got {pageSize})");
        }
    }
}
