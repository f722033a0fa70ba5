using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Leads.EventStore;
using Proto = Leads.Contracts.V1;

namespace Leads.QueryService.Grpc;

/// <summary>Conversions between domain and store values and their wire forms.</summary>
internal static class ProtoMapping
{
    /// <summary>The numbers of the domain's status and of the wire enum are the same by contract.</summary>
    public static Proto.LeadStatus ToProto(this Domain.LeadStatus? status) =>
        status is { } s ? (Proto.LeadStatus)(int)s : Proto.LeadStatus.Unspecified;

    public static Proto.LeadStatus ToProto(this Domain.LeadStatus status) => (Proto.LeadStatus)(int)status;

    public static Domain.LeadStatus? ToDomain(this Proto.LeadStatus status) =>
        status == Proto.LeadStatus.Unspecified ? null : (Domain.LeadStatus)(int)status;

    public static bool IsKnown(this Proto.LeadStatus status) => System.Enum.IsDefined(status);

    public static string ToIsoDate(this DateOnly? date) =>
        date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    public static Proto.EventMetadata ToProto(this EventMetadata metadata) => new()
    {
        CorrelationId = metadata.CorrelationId ?? "",
        CausationId = metadata.CausationId ?? "",
        UserId = metadata.UserId ?? "",
        TraceParent = metadata.TraceParent ?? "",
        TraceState = metadata.TraceState ?? "",
        CommandId = metadata.CommandId ?? "",
    };
}
