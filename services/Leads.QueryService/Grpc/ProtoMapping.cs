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

    /// <summary>
    /// The moment a Timestamp names; InvalidArgument naming <paramref name="field"/> when it names none (seconds outside
    /// 0001-01-01 .. 9999-12-31, or nanos outside 0 .. 999,999,999), rather than the exception ToDateTimeOffset throws.
    /// </summary>
    public static DateTimeOffset ToMoment(this Timestamp timestamp, string field)
    {
        const long minSeconds = -62_135_596_800;
        const long maxSeconds = 253_402_300_799;
        if (timestamp.Seconds is < minSeconds or > maxSeconds || timestamp.Nanos is < 0 or > 999_999_999)
        {
            throw RpcErrors.InvalidArgument(field, string.Create(CultureInfo.InvariantCulture,
                $"{field} is not a valid timestamp (seconds {timestamp.Seconds}, nanos {timestamp.Nanos}): it must lie within 0001-01-01 and 9999-12-31 with nanos 0 to 999999999"));
        }

        return timestamp.ToDateTimeOffset();
    }

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
