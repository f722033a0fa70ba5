using Leads.Contracts.V1;
using Leads.ServiceDefaults.Security;

namespace Leads.QueryService.Hosting;

/// <summary>
/// Who may call the query service: every LeadQueries method needs leads.read, except ExportLeadData (everything held on
/// a lead, personal data included, in one document) and every ProjectionAdmin method, which need leads.admin; every
/// LeadAnalytics method needs leads.read.
/// One line per RPC; an RPC without a line needs leads.admin (fail closed).
/// </summary>
internal static class QueryServiceAccess
{
    public static RpcAccessRules LeadQueriesRules { get; } = new(LeadQueries.Descriptor.FullName, new Dictionary<string, RpcAccess>
    {
        [nameof(LeadQueries.LeadQueriesBase.GetLead)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadQueries.LeadQueriesBase.ListLeads)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadQueries.LeadQueriesBase.SearchLeads)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadQueries.LeadQueriesBase.GetStatusHistory)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadQueries.LeadQueriesBase.GetLeadHistory)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadQueries.LeadQueriesBase.GetLeadAsOf)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadQueries.LeadQueriesBase.ExportLeadData)] = RpcAuthorizationExtensions.Admins,
        [nameof(LeadQueries.LeadQueriesBase.ListFollowups)] = RpcAuthorizationExtensions.Readers,
    });

    public static RpcAccessRules LeadAnalyticsRules { get; } = new(LeadAnalytics.Descriptor.FullName, new Dictionary<string, RpcAccess>
    {
        [nameof(LeadAnalytics.LeadAnalyticsBase.GetPipeline)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadAnalytics.LeadAnalyticsBase.GetFunnel)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadAnalytics.LeadAnalyticsBase.GetTimeInStatus)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadAnalytics.LeadAnalyticsBase.GetFollowupDiscipline)] = RpcAuthorizationExtensions.Readers,
        [nameof(LeadAnalytics.LeadAnalyticsBase.GetActivity)] = RpcAuthorizationExtensions.Readers,
    });

    public static RpcAccessRules ProjectionAdminRules { get; } = new(ProjectionAdmin.Descriptor.FullName, new Dictionary<string, RpcAccess>
    {
        [nameof(ProjectionAdmin.ProjectionAdminBase.ListProjections)] = RpcAuthorizationExtensions.Admins,
        [nameof(ProjectionAdmin.ProjectionAdminBase.ResetProjection)] = RpcAuthorizationExtensions.Admins,
        [nameof(ProjectionAdmin.ProjectionAdminBase.PauseProjection)] = RpcAuthorizationExtensions.Admins,
        [nameof(ProjectionAdmin.ProjectionAdminBase.ResumeProjection)] = RpcAuthorizationExtensions.Admins,
        [nameof(ProjectionAdmin.ProjectionAdminBase.ListParked)] = RpcAuthorizationExtensions.Admins,
        [nameof(ProjectionAdmin.ProjectionAdminBase.ReplayParked)] = RpcAuthorizationExtensions.Admins,
    });
}
