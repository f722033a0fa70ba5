using Leads.QueryService.Analytics;
using Leads.QueryService.ExportLeadData;
using Leads.QueryService.GetLead;
using Leads.QueryService.Grpc;
using Leads.QueryService.LeadChanges;
using Leads.QueryService.LeadHistory;
using Leads.QueryService.ListFollowups;
using Leads.QueryService.ListLeads;
using Leads.QueryService.PageCommands;
using Leads.QueryService.ProjectionOps;
using Leads.QueryService.SearchLeads;
using Leads.QueryService.SearchPage;
using Leads.QueryService.StatusHistory;
using Leads.QueryService.TimeTravel;
using Leads.EventStore.Hosting;
using Leads.Privacy.Stores;
using Leads.Projections;
using Leads.ServiceDefaults;
using Leads.ServiceDefaults.StrictParsing;
using Leads.ServiceDefaults.Security;
using Leads.Views;

namespace Leads.QueryService.Hosting;

/// <summary>
/// The query service's parts: its stores (read-only), one class per use case, the gRPC endpoints, and the search page
/// (with the read RPCs it calls as JSON) on its own HTTP/1.1 endpoint.
/// </summary>
internal static class QueryServiceExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5102";

    public static WebApplicationBuilder AddQueryService(this WebApplicationBuilder builder)
    {
        builder.AddSearchPage(DefaultUrl);
        builder.ListenForGrpc(DefaultUrl);
        var events = builder.Services.AddLeadEventStore(builder.Configuration);
        var data = new DataDirectory(events.DataDirectory);
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddReadStores(builder.Configuration, data);
        builder.Services.AddLeadKeys(builder.Configuration, data.Path);

        builder.Services.AddSingleton<PageTokenSigner>();
        // Read-your-writes: waits for the view projector's checkpoint, woken by its commits where the store signals them.
        builder.Services.AddSingleton(sp => new CheckpointWatch(sp.GetRequiredService<ILeadViewStore>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<GetLeadQuery>();
        builder.Services.AddSingleton<ListLeadsQuery>();
        builder.Services.AddSingleton<SearchLeadsQuery>();
        builder.Services.AddSingleton<StatusHistoryQuery>();
        builder.Services.AddSingleton<LeadHistoryQuery>();
        builder.Services.AddSingleton<LeadAsOfQuery>();
        builder.Services.AddSingleton<ExportLeadDataQuery>();
        builder.Services.AddSingleton<ListFollowupsQuery>();
        builder.Services.AddSingleton<LeadChangeFeed>();
        builder.AddPageCommands();

        builder.Services.AddSingleton<ProjectionCatalog>();
        builder.Services.AddSingleton<ProjectionStatusReader>();
        builder.Services.AddSingleton<RequestAcknowledgements>();

        builder.Services.AddRpcAccessRules(QueryServiceAccess.LeadQueriesRules);
        builder.Services.AddRpcAccessRules(QueryServiceAccess.ProjectionAdminRules);
        builder.Services.AddRpcAccessRules(QueryServiceAccess.LeadAnalyticsRules);
        return builder;
    }

    public static WebApplication MapQueryService(this WebApplication app)
    {
        app.MapGrpcServiceStrictly<LeadQueriesEndpoint>();
        app.MapGrpcServiceStrictly<ProjectionAdminEndpoint>();
        app.MapGrpcServiceStrictly<LeadAnalyticsEndpoint>();
        app.MapSearchPage();
        app.MapPageCommands();
        app.MapLeadChanges();
        var data = app.Services.GetRequiredService<DataDirectory>();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("Query service listening on {Addresses}, reading the data directory {DataDirectory}",
                string.Join(", ", app.Urls), data.Path));
        return app;
    }
}
