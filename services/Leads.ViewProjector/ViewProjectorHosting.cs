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
/// with ops, the projector, and the host that runs it.
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
        return builder;
    }
}
