using Leads.Analytics;
using Leads.Analytics.Stores;
using Leads.EventStore.Hosting;
using Leads.Projections;
using Leads.Projections.Hosting;
using Leads.ReadStores;
using Leads.Privacy;
using Leads.Privacy.Stores;
using Leads.ServiceDefaults;
using Leads.Views;

namespace Leads.ViewProjector;

/// <summary>
/// Wires the view projector: the event store and the view store chosen by configuration (SQLite files in
/// <c>Leads:DataDirectory</c>, or EventStoreDB / MongoDB by connection string), the control plane and lease shared
/// with ops, the projectors, and the host that runs them. Two projectors run here: the lead views and, beside them,
/// <c>lead-analytics</c> (its own checkpoint and store: <c>analytics.db</c>, or PostgreSQL with
/// <c>ConnectionStrings:analytics</c>), so analytics needs no deployable of its own.
/// </summary>
public static class ViewProjectorHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5104";

    public static WebApplicationBuilder AddViewProjector(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.ListenForGrpc(DefaultUrl);

        var events = builder.Services.AddLeadEventStore(config);
        builder.Services.AddLeadViewStore(config, events.DataDirectory);
        builder.Services.AddProjectionControl(config, events.DataDirectory);
        builder.Services.AddLeadKeys(config, events.DataDirectory);
        builder.Services.AddProjector(
            services => LeadReadModelProjection.For(services.GetRequiredService<LeadEventCodec>()),
            config.GetSection("Leads:ViewProjector").Get<ProjectorOptions>());
        builder.Services.AddLeadAnalyticsStore(config, events.DataDirectory);
        builder.Services.AddProjector(_ => LeadAnalyticsProjection.Definition, config.GetSection("Leads:AnalyticsProjector").Get<ProjectorOptions>());
        return builder;
    }
}
