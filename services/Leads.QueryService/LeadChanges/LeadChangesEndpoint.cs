using Leads.Security;

namespace Leads.QueryService.LeadChanges;

/// <summary>The lead page's live updates (<see cref="LeadChangeFeed"/>), for callers with leads.read like every read.</summary>
internal static class LeadChangesEndpoint
{
    public static WebApplication MapLeadChanges(this WebApplication app)
    {
        app.MapGet("/v1/leads/{leadId}/changes", (HttpContext http, string leadId, LeadChangeFeed feed) =>
                feed.StreamAsync(http, leadId, http.RequestAborted))
            .RequireAuthorization(LeadsRoles.Read);
        return app;
    }
}
