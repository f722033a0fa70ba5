using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.ReadStores;
using Leads.Views;
using Leads.Views.Sqlite;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Leads.ViewProjector;

/// <summary>Wires the view projector: its stores from configuration, the projector, and the host that runs it.</summary>
public static class ViewProjectorHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5104";

    public static WebApplicationBuilder AddViewProjector(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config[WebHostDefaults.ServerUrlsKey]) && !config.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        if (string.IsNullOrWhiteSpace(config["Kestrel:EndpointDefaults:Protocols"]))
        {
            // grpc.health.v1 over cleartext HTTP/2 (prior knowledge), as every service of ours speaks it.
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        }

        var storage = ViewProjectorStorage.FromConfiguration(config, Directory.GetCurrentDirectory());
        if (storage.EventStoreDbConnection is not null)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:eventstore points at EventStoreDB, but this build of the view projector has no EventStoreDB adapter yet. "
                + "Unset it to use the embedded SQLite store.");
        }

        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<IEventStore>(_ => new SqliteEventStore(storage.EventsFile));
        builder.Services.AddSingleton(_ => new SqliteLeadViewStore(storage.ViewsFile));
        builder.Services.AddSingleton<IProjectionControl>(_ => new SqliteProjectionControl(storage.ControlFile));
        builder.Services.AddProjectorLease(config, Path.GetDirectoryName(storage.ControlFile)!);
        builder.Services.AddSingleton(config.GetSection("Leads:ViewProjector").Get<ProjectorOptions>() ?? new ProjectorOptions());
        builder.Services.AddSingleton(new ProjectorHostOptions());
        builder.Services.AddSingleton<IProjector>(services => new Projector<LeadReadModel>(
            LeadReadModelProjection.Definition,
            services.GetRequiredService<IEventStore>(),
            services.GetRequiredService<SqliteLeadViewStore>(),
            services.GetRequiredService<ProjectorOptions>(),
            services.GetRequiredService<ILogger<Projector<LeadReadModel>>>()));
        builder.Services.AddHostedService<ViewProjectorStartup>();
        builder.Services.AddHostedService<ProjectorHost>();
        return builder;
    }
}
