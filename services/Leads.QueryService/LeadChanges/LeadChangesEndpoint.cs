using Leads.Security;

namespace Leads.QueryService.LeadChanges;

/// <summary>The lead page's live updates (<see cref="LeadChangeFeed"/>), for callers with leads.read like every read.</summary>
internal static class LeadChangesEndpoint
{
    public static WebApplication MapLeadChanges(this WebApplication app)
    {
        // A stream ends when the page goes away or the service stops (so that open pages do not hold up a shutdown).
        app.MapGet("/v1/leads/{leadId}/changes", async (HttpContext http, string leadId, LeadChangeFeed feed, IHostApplicationLifetime lifetime) =>
            {
                using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
                await feed.StreamAsync(http, leadId, ends.Token).ConfigureAwait(false);
            })
            .RequireAuthorization(LeadsRoles.Read);
        return app;
    }
}
