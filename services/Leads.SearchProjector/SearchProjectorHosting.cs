using Leads.EventStore.Hosting;
using Leads.Projections;
using Leads.Projections.Hosting;
using Leads.ReadStores;
using Leads.Search;
using Leads.Search.Lucene;
using Leads.Privacy;
using Leads.Privacy.Stores;
using Leads.ServiceDefaults;

namespace Leads.SearchProjector;

/// <summary>
/// Wires the search projector: the event store and the search index chosen by configuration (Lucene folder
/// <c>search/</c> in <c>Leads:DataDirectory</c>, or EventStoreDB / Elasticsearch by connection string), the control
/// plane and lease shared with ops, the projector, and the host that runs it.
/// </summary>
public static class SearchProjectorHosting
{
    public const string DefaultUrl = "http://127.0.0.1:5105";

    public static WebApplicationBuilder AddSearchProjector(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.ListenForGrpc(DefaultUrl);

        var events = builder.Services.AddLeadEventStore(config);
        if (ReadStoreEngines.From(config).Elasticsearch is null)
        {
            // The embedded index with its tuning from Leads:SearchIndex; AddLeadSearchIndex keeps a registration made first.
            var indexOptions = new LuceneSearchIndexOptions(ReadStoreEngines.SearchFolder(events.DataDirectory));
            config.GetSection("Leads:SearchIndex").Bind(indexOptions);
            builder.Services.AddSingleton<ILeadSearchIndex>(services => new LuceneLeadSearchIndex(indexOptions, services.GetRequiredService<ILogger<LuceneLeadSearchIndex>>()));
        }

        builder.Services.AddLeadSearchIndex(config, events.DataDirectory);
        builder.Services.AddProjectionControl(config, events.DataDirectory);
        builder.Services.AddLeadKeys(config, events.DataDirectory);
        builder.Services.AddProjector(
            services => LeadSearchProjection.For(services.GetRequiredService<LeadEventCodec>()),
            config.GetSection("Leads:SearchProjector").Get<ProjectorOptions>());
        return builder;
    }
}
