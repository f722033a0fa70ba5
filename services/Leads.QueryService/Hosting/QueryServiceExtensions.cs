using Leads.QueryService.GetLead;
using Leads.QueryService.LeadHistory;
using Leads.QueryService.ListLeads;
using Leads.QueryService.ProjectionOps;
using Leads.QueryService.SearchLeads;
using Leads.QueryService.StatusHistory;
using Leads.QueryService.TimeTravel;
using Leads.EventStore.Hosting;
using Leads.Privacy.Stores;
using Leads.ServiceDefaults;

namespace Leads.QueryService.Hosting;

/// <summary>The query service's parts: its stores (read-only), one class per use case, and the gRPC endpoints.</summary>
internal static class QueryServiceExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5102";

    public static WebApplicationBuilder AddQueryService(this WebApplicationBuilder builder)
    {
        builder.ListenForGrpc(DefaultUrl);
        var events = builder.Services.AddLeadEventStore(builder.Configuration);
        var data = new DataDirectory(events.DataDirectory);
        builder.Services.AddSingleton(data);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddReadStores(builder.Configuration, data);
        builder.Services.AddLeadKeys(builder.Configuration, data.Path);

        builder.Services.AddSingleton<ViewCheckpointWatch>();
        builder.Services.AddSingleton<GetLeadQuery>();
        builder.Services.AddSingleton<ListLeadsQuery>();
        builder.Services.AddSingleton<SearchLeadsQuery>();
        builder.Services.AddSingleton<StatusHistoryQuery>();
        builder.Services.AddSingleton<LeadHistoryQuery>();
        builder.Services.AddSingleton<LeadAsOfQuery>();

        builder.Services.AddSingleton<ProjectionCatalog>();
        builder.Services.AddSingleton<ProjectionStatusReader>();
        builder.Services.AddSingleton<RequestAcknowledgements>();
        return builder;
    }

    public static WebApplication MapQueryService(this WebApplication app)
    {
        app.MapGrpcService<LeadQueriesEndpoint>();
        app.MapGrpcService<ProjectionAdminEndpoint>();
        var data = app.Services.GetRequiredService<DataDirectory>();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("Query service listening on {Addresses}, reading the data directory {DataDirectory}",
                string.Join(", ", app.Urls), data.Path));
        return app;
    }
}
