using Leads.EventStore;
using Leads.Projections;
using Leads.Projections.MongoDb;
using Leads.Projections.Sqlite;
using Leads.Search;
using Leads.Search.Elasticsearch;
using Leads.Search.Lucene;
using Leads.Views;
using Leads.Views.MongoDb;
using Leads.Views.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace Leads.ReadStores;

/// <summary>
/// Registers the read stores the configuration chooses (<see cref="ReadStoreEngines"/>). The projector hosts call the
/// writer side, the query service the reader side; the same configuration gives both the same engines.
/// </summary>
public static class ReadStoreServiceCollectionExtensions
{
    /// <summary>
    /// Lead views and status logs with the view projector's checkpoint and parked events: registers
    /// <see cref="ILeadViewStore"/> (query side) and <c>IProjectionStore&lt;LeadReadModel&gt;</c> (projector side), one
    /// instance for both. MongoDB when <c>ConnectionStrings:mongo</c> is set, else SQLite <c>views.db</c> in
    /// <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddLeadViewStore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var engines = ReadStoreEngines.From(configuration);
        if (engines.Mongo is { } mongo)
        {
            AddMongoDatabase(services, mongo, configuration);
            services.TryAddSingleton(sp => new MongoLeadViewStore(
                sp.GetRequiredService<IMongoDatabase>(), sp.GetRequiredService<MongoProjectionOptions>(), sp.GetService<ILogger<MongoLeadViewStore>>()));
            services.TryAddSingleton<ILeadViewStore>(sp => sp.GetRequiredService<MongoLeadViewStore>());
            services.TryAddSingleton<IProjectionStore<LeadReadModel>>(sp => sp.GetRequiredService<MongoLeadViewStore>());
            AddPreparation(services, sp => new ReadStorePreparation(
                "lead views", "MongoDB " + Redacted(mongo), sp.GetRequiredService<MongoLeadViewStore>().EnsureIndexesAsync));
        }
        else
        {
            var file = ReadStoreEngines.ViewsFile(dataDirectory);
            services.TryAddSingleton(_ => new SqliteLeadViewStore(file));
            services.TryAddSingleton<ILeadViewStore>(sp => sp.GetRequiredService<SqliteLeadViewStore>());
            services.TryAddSingleton<IProjectionStore<LeadReadModel>>(sp => sp.GetRequiredService<SqliteLeadViewStore>());
            AddPreparation(services, _ => new ReadStorePreparation("lead views", "SQLite " + file, null));
        }

        return services;
    }

    /// <summary>
    /// The control plane shared by the projectors and ProjectionAdmin (<see cref="IProjectionControl"/>, and beside it
    /// <see cref="ICheckpointOrigins"/>, which event store each projection was built from): MongoDB
    /// when <c>ConnectionStrings:mongo</c> is set, else SQLite <c>projections.db</c> in <paramref name="dataDirectory"/>.
    /// Every projector host and the query service must call it with the same configuration.
    /// </summary>
    public static IServiceCollection AddProjectionControl(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var engines = ReadStoreEngines.From(configuration);
        if (engines.Mongo is { } mongo)
        {
            AddMongoDatabase(services, mongo, configuration);
            services.TryAddSingleton<IProjectionControl>(sp => new MongoProjectionControl(
                sp.GetRequiredService<IMongoDatabase>(), sp.GetRequiredService<MongoProjectionOptions>(), sp.GetService<ILogger<MongoProjectionControl>>()));
            services.TryAddSingleton<ICheckpointOrigins>(sp => new MongoCheckpointOrigins(
                sp.GetRequiredService<IMongoDatabase>(), sp.GetRequiredService<MongoProjectionOptions>(), sp.GetService<ILogger<MongoCheckpointOrigins>>()));
            AddPreparation(services, _ => new ReadStorePreparation("projection control plane", "MongoDB " + Redacted(mongo), null));
        }
        else
        {
            var file = ReadStoreEngines.ControlFile(dataDirectory);
            services.TryAddSingleton<IProjectionControl>(_ => new SqliteProjectionControl(file));
            services.TryAddSingleton<ICheckpointOrigins>(_ => new SqliteCheckpointOrigins(file));
            AddPreparation(services, _ => new ReadStorePreparation("projection control plane", "SQLite " + file, null));
        }

        // The lease that keeps one projector process active per projection lives beside the control plane.
        return services.AddProjectorLease(configuration, dataDirectory);
    }

    /// <summary>
    /// The search projector's index: registers <see cref="ILeadSearchIndex"/>, <c>IProjectionStore&lt;LeadSearchDocument&gt;</c>
    /// and <see cref="ILeadSearchReader"/>, one instance. Elasticsearch when <c>ConnectionStrings:elasticsearch</c> is
    /// set (a reset rebuilds into a new versioned index until the replay reaches the head of the registered
    /// <see cref="IEventStore"/>, then swaps the alias), else the Lucene folder <c>search/</c> in <paramref name="dataDirectory"/>.
    /// </summary>
    public static IServiceCollection AddLeadSearchIndex(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var engines = ReadStoreEngines.From(configuration);
        if (engines.Elasticsearch is { } url)
        {
            AddElasticsearchClient(services, url, configuration);
            services.TryAddSingleton(sp =>
            {
                var events = sp.GetService<IEventStore>();
                return new ElasticsearchLeadSearchIndex(
                    sp.GetRequiredService<Elastic.Clients.Elasticsearch.ElasticsearchClient>(),
                    sp.GetRequiredService<ElasticsearchSearchOptions>(),
                    events is null ? null : ct => events.ReadHeadPositionAsync(LeadSearchProjection.Definition.Subscription, ct),
                    sp.GetService<ILogger<ElasticsearchLeadSearchIndex>>());
            });
            services.TryAddSingleton<ILeadSearchIndex>(sp => sp.GetRequiredService<ElasticsearchLeadSearchIndex>());
            AddPreparation(services, sp => new ReadStorePreparation(
                "search index", "Elasticsearch " + Redacted(url), sp.GetRequiredService<ElasticsearchLeadSearchIndex>().OpenAsync));
        }
        else
        {
            var folder = ReadStoreEngines.SearchFolder(dataDirectory);
            services.TryAddSingleton<ILeadSearchIndex>(sp => new LuceneLeadSearchIndex(new LuceneSearchIndexOptions(folder), sp.GetService<ILogger<LuceneLeadSearchIndex>>()));
            AddPreparation(services, _ => new ReadStorePreparation("search index", "Lucene " + folder, null));
        }

        services.TryAddSingleton<IProjectionStore<LeadSearchDocument>>(sp => sp.GetRequiredService<ILeadSearchIndex>());
        services.TryAddSingleton<ILeadSearchReader>(sp => sp.GetRequiredService<ILeadSearchIndex>());
        return services;
    }

    /// <summary>
    /// The query service's read-only view of the search index (<see cref="ILeadSearchReader"/>): the Elasticsearch
    /// alias when <c>ConnectionStrings:elasticsearch</c> is set, else the Lucene folder written by the search projector.
    /// </summary>
    public static IServiceCollection AddLeadSearchReader(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var engines = ReadStoreEngines.From(configuration);
        if (engines.Elasticsearch is { } url)
        {
            AddElasticsearchClient(services, url, configuration);
            services.TryAddSingleton<ILeadSearchReader>(sp => new ElasticsearchLeadSearchReader(
                sp.GetRequiredService<Elastic.Clients.Elasticsearch.ElasticsearchClient>(),
                sp.GetRequiredService<ElasticsearchSearchOptions>(),
                sp.GetService<ILogger<ElasticsearchLeadSearchReader>>()));
            AddPreparation(services, _ => new ReadStorePreparation("search reader", "Elasticsearch alias on " + Redacted(url), null));
        }
        else
        {
            var folder = ReadStoreEngines.SearchFolder(dataDirectory);
            services.TryAddSingleton<ILeadSearchReader>(_ => new LuceneLeadSearchReader(new LuceneSearchIndexOptions(folder)));
            AddPreparation(services, _ => new ReadStorePreparation("search reader", "Lucene " + folder + " (read-only)", null));
        }

        return services;
    }

    /// <summary>The MongoDB database every MongoDB store of the process shares (<c>Leads:MongoDb:Database</c>, else the connection string's).</summary>
    internal static void AddMongoDatabase(IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => new MongoProjectionOptions(connectionString) { Database = configuration["Leads:MongoDb:Database"] });
        services.TryAddSingleton(sp => MongoConnection.OpenDatabase(sp.GetRequiredService<MongoProjectionOptions>()));
    }

    private static void AddElasticsearchClient(IServiceCollection services, Uri url, IConfiguration configuration)
    {
        services.TryAddSingleton(_ =>
        {
            var options = new ElasticsearchSearchOptions(url);
            var section = configuration.GetSection("Leads:Elasticsearch");
            return options with
            {
                Alias = section["Alias"] ?? options.Alias,
                Replicas = int.TryParse(section["Replicas"], System.Globalization.CultureInfo.InvariantCulture, out var replicas) ? replicas : options.Replicas,
                RefreshInterval = section["RefreshInterval"] ?? options.RefreshInterval,
            };
        });
        services.TryAddSingleton(_ => ElasticsearchConnection.CreateClient(url));
    }

    private static void AddPreparation(IServiceCollection services, Func<IServiceProvider, ReadStorePreparation> preparation)
    {
        services.AddSingleton(preparation);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ReadStoreStartup>());
    }

    /// <summary>A connection string for a log line: no password.</summary>
    internal static string Redacted(string connectionString) =>
        Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) ? Redacted(uri) : "(unparsable connection string)";

    internal static string Redacted(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.GetLeftPart(UriPartial.Path) : new UriBuilder(uri) { Password = "***" }.Uri.GetLeftPart(UriPartial.Path);
}
