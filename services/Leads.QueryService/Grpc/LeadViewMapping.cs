using Google.Protobuf.WellKnownTypes;
using Proto = Leads.Contracts.V1;

namespace Leads.QueryService.Grpc;

/// <summary>The lead view store's document as the wire carries it.</summary>
internal static class LeadViewMapping
{
    public static Proto.LeadView ToProto(this Views.LeadView view) => new()
    {
        LeadId = view.LeadId,
        Name = view.Name,
        Email = view.Email,
        Phone = view.Phone,
        PhoneDigits = view.PhoneDigits,
        Status = view.Status.ToProto(),
        FollowupOn = view.FollowupOn.ToIsoDate(),
        Revision = view.Revision,
        Position = view.Position.Value,
        CreatedAt = view.CreatedAt.ToTimestamp(),
        UpdatedAt = view.UpdatedAt.ToTimestamp(),
        Forgotten = view.Forgotten,
    };
}
