using Google.Protobuf.WellKnownTypes;
using Leads.Contracts.V1;
using Leads.QueryService.Grpc;
using Leads.Views;

namespace Leads.QueryService.StatusHistory;

/// <summary>The status-changes log of a lead, as the view projector built it from the events' recorded times.</summary>
internal sealed class StatusHistoryQuery(ILeadViewStore views)
{
    public async Task<Contracts.V1.StatusHistory> RunAsync(GetStatusHistoryRequest request, CancellationToken cancellationToken)
    {
        RpcErrors.ThrowIfInvalidLeadId(request.LeadId);
        var entries = await views.GetStatusHistoryAsync(request.LeadId, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0 && await views.GetLeadAsync(request.LeadId, cancellationToken).ConfigureAwait(false) is not { Exists: true })
        {
            throw RpcErrors.LeadNotFound(request.LeadId);
        }

        var history = new Contracts.V1.StatusHistory { LeadId = request.LeadId };
        history.Entries.AddRange(entries.Select(e => new StatusChange
        {
            Status = e.Status.ToProto(),
            ChangedAt = e.ChangedAt.ToTimestamp(),
            Position = e.Position.Value,
        }));
        return history;
    }
}
