using Google.Protobuf.WellKnownTypes;
using Leads.Contracts.V1;

namespace Leads.CommandService.ForgetLead;

/// <summary>A stored erasure as the wire carries it.</summary>
public static class ErasureReceipts
{
    public static ErasureReceipt ToProto(this Erasure erasure)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        var e = erasure.Event;
        var receipt = new ErasureReceipt
        {
            LeadId = e.LeadId,
            ErasedAt = e.ErasedAt.ToTimestamp(),
            ErasedBy = e.ErasedBy,
            Reason = e.Reason,
            Revision = erasure.Revision,
            Position = erasure.Position,
            KeyDeleted = true,
        };
        receipt.ErasedFields.AddRange(e.ErasedFields);
        receipt.ErasedEvents.AddRange(e.ErasedEvents);
        return receipt;
    }
}
