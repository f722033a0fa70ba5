using Grpc.Core;
using Leads.Contracts.V1;
using Leads.QueryService.ExportLeadData;
using Leads.QueryService.GetLead;
using Leads.QueryService.ListFollowups;
using Leads.QueryService.LeadHistory;
using Leads.QueryService.ListLeads;
using Leads.QueryService.SearchLeads;
using Leads.QueryService.StatusHistory;
using Leads.QueryService.TimeTravel;

namespace Leads.QueryService.Hosting;

/// <summary>The <c>leads.v1.LeadQueries</c> endpoint: each RPC hands over to its use case.</summary>
internal sealed class LeadQueriesEndpoint(
    GetLeadQuery getLead,
    ListLeadsQuery listLeads,
    SearchLeadsQuery search,
    StatusHistoryQuery statusHistory,
    LeadHistoryQuery history,
    LeadAsOfQuery asOf,
    ExportLeadDataQuery export,
    ListFollowupsQuery followups) : LeadQueries.LeadQueriesBase
{
    public override Task<LeadView> GetLead(GetLeadRequest request, ServerCallContext context) =>
        getLead.RunAsync(request, context);

    public override Task<ListLeadsReply> ListLeads(ListLeadsRequest request, ServerCallContext context) =>
        listLeads.RunAsync(request, context.CancellationToken);

    public override Task<SearchLeadsReply> SearchLeads(SearchLeadsRequest request, ServerCallContext context) =>
        search.RunAsync(request, context.CancellationToken);

    public override Task<Contracts.V1.StatusHistory> GetStatusHistory(GetStatusHistoryRequest request, ServerCallContext context) =>
        statusHistory.RunAsync(request, context.CancellationToken);

    public override Task<LeadHistoryPage> GetLeadHistory(GetLeadHistoryRequest request, ServerCallContext context) =>
        history.RunAsync(request, context.CancellationToken);

    public override Task<LeadSnapshot> GetLeadAsOf(GetLeadAsOfRequest request, ServerCallContext context) =>
        asOf.RunAsync(request, context.CancellationToken);

    public override Task<ExportLeadDataReply> ExportLeadData(ExportLeadDataRequest request, ServerCallContext context) =>
        export.RunAsync(request, context.CancellationToken);

    public override Task<ListFollowupsReply> ListFollowups(ListFollowupsRequest request, ServerCallContext context) =>
        followups.RunAsync(request, context.CancellationToken);
}
