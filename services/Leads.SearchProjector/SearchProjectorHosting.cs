using Leads.EventStore;
using Leads.EventStore.Sqlite;
using Leads.Projections;
using Leads.Projections.Sqlite;
using Leads.ReadStores;
using Leads.Search;
using Leads.Search.Lucene;

namespace Leads.SearchProjector;

/// <summary>
/// Wires the search projector: the event store and the Lucene index from configuration, the runtime's projector over
/// the search projection, and the host that runs it. The Lucene index is the projection's store: documents, parked
/// events and the checkpoint go into one Lucene commit.
/// </summary>
public static class SearchProjectorHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5105";

    public static WebApplicationBuilder AddSearchProjector(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (string.IsNullOrWhiteSpace(config[WebHostDefaults.ServerUrlsKey]) && !config.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var storage = SearchProjectorStorage.FromConfiguration(config, Directory.GetCurrentDirectory());
        if (storage.EventStoreDbConnection is not null)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:eventstore points at EventStoreDB, but this build of the search projector has no EventStoreDB adapter yet. "
                + "Unset it to use the embedded SQLite store.");
        }

        var indexOptions = new LuceneSearchIndexOptions(storage.IndexFolder);
        config.GetSection("Leads:SearchIndex").Bind(indexOptions);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton<IEventStore>(_ => new SqliteEventStore(storage.EventsFile));
        builder.Services.AddSingleton(services => new LuceneLeadSearchIndex(indexOptions, services.GetRequiredService<ILogger<LuceneLeadSearchIndex>>()));
        builder.Services.AddSingleton<ILeadSearchIndex>(services => services.GetRequiredService<LuceneLeadSearchIndex>());
        builder.Services.AddSingleton<IProjectionControl>(_ => new SqliteProjectionControl(storage.ControlFile));
        builder.Services.AddProjectorLease(config, Path.GetDirectoryName(storage.ControlFile)!);
        builder.Services.AddSingleton(config.GetSection("Leads:SearchProjector").Get<ProjectorOptions>() ?? new ProjectorOptions());
        builder.Services.AddSingleton(new ProjectorHostOptions());
        builder.Services.AddSingleton<IProjector>(services => new Projector<LeadSearchDocument>(
            LeadSearchProjection.Definition,
            services.GetRequiredService<IEventStore>(),
            services.GetRequiredService<ILeadSearchIndex>(),
            services.GetRequiredService<ProjectorOptions>(),
            services.GetRequiredService<ILogger<Projector<LeadSearchDocument>>>()));
        builder.Services.AddHostedService<SearchProjectorStartup>();
        builder.Services.AddHostedService<ProjectorHost>();
        return builder;
    }
}
