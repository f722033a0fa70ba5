using Leads.Analytics;
using Leads.Analytics.Stores;
using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.QueryService.ProjectionOps;
using Leads.ReadStores;
using Leads.Search;
using Leads.Views;

namespace Leads.QueryService.Hosting;

/// <summary>
/// The read models the query service serves, chosen by the same configuration as the projectors (embedded by
/// default: <c>views.db</c>, the Lucene folder <c>search/</c> opened read-only, and the control plane
/// <c>projections.db</c>; MongoDB and Elasticsearch when their connection strings are set), and the projections
/// ProjectionAdmin steers: the lead views, the search index, lead-analytics (in the view projector) and the integration publisher (whose checkpoint and
/// parked events are the shared ledger in its own <c>integration-publisher.db</c>, see <see cref="PublisherLedger"/>).
/// </summary>
internal static class ReadStoreRegistration
{
    public static IServiceCollection AddReadStores(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddLeadViewStore(configuration, data.Path);
        services.AddLeadSearchReader(configuration, data.Path);
        services.AddProjectionControl(configuration, data.Path);

        services.AddSingleton(sp =>
        {
            var views = sp.GetRequiredService<ILeadViewStore>();
            return new ProjectionEndpoint(LeadReadModelProjection.Name, sp.GetRequiredService<IProjectionControl>(), views, views, LeadReadModelProjection.Definition.Subscription);
        });
        services.AddSingleton(sp =>
        {
            var search = sp.GetRequiredService<ILeadSearchReader>();
            return new ProjectionEndpoint(LeadSearchProjection.Name, sp.GetRequiredService<IProjectionControl>(), search, search, LeadSearchProjection.Definition.Subscription);
        });
        services.AddLeadAnalyticsStore(configuration, data.Path);
        services.AddSingleton(sp =>
        {
            var analytics = sp.GetRequiredService<IProjectionStore<LeadTimeline>>();
            return new ProjectionEndpoint(LeadAnalyticsProjection.Name, sp.GetRequiredService<IProjectionControl>(), analytics, analytics,
                LeadAnalyticsProjection.Definition.Subscription);
        });
        services.AddPublisherLedger(data.Path);
        services.AddSingleton(sp =>
        {
            var publisher = sp.GetRequiredService<SqliteLedgerFile>();
            return new ProjectionEndpoint(PublisherLedger.ProjectionName, sp.GetRequiredService<IProjectionControl>(), publisher, publisher,
                SubscriptionFilter.StreamPrefix(LeadStream.Prefix));
        });
        return services;
    }
}
