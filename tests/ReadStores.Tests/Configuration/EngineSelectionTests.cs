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
using Microsoft.Extensions.Hosting;

namespace Leads.ReadStores.Tests.Configuration;

/// <summary>Configuration alone chooses the engines: connection strings switch to MongoDB and Elasticsearch, else embedded.</summary>
public sealed class EngineSelectionTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("leads-engines-").FullName;

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private ServiceProvider Build(IConfiguration configuration, Action<IServiceCollection, IConfiguration, string> add)
    {
        var services = new ServiceCollection();
        add(services, configuration, _data);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Without_connection_strings_the_embedded_engines_serve_from_the_data_directory()
    {
        await using var provider = Build(Config(), (s, c, d) => s.AddLeadViewStore(c, d).AddProjectionControl(c, d).AddLeadSearchIndex(c, d));

        Assert.IsType<SqliteLeadViewStore>(provider.GetRequiredService<ILeadViewStore>());
        Assert.Same(provider.GetRequiredService<ILeadViewStore>(), provider.GetRequiredService<IProjectionStore<LeadReadModel>>());
        Assert.IsType<SqliteProjectionControl>(provider.GetRequiredService<IProjectionControl>());
        Assert.IsType<LuceneLeadSearchIndex>(provider.GetRequiredService<ILeadSearchIndex>());
        Assert.Same(provider.GetRequiredService<ILeadSearchIndex>(), provider.GetRequiredService<IProjectionStore<LeadSearchDocument>>());
        Assert.True(File.Exists(Path.Combine(_data, "views.db")));
    }

    [Fact]
    public async Task The_mongo_connection_string_switches_views_and_the_control_plane_to_MongoDB()
    {
        await using var provider = Build(
            Config(("ConnectionStrings:mongo", "mongodb://127.0.0.1:1/leads?serverSelectionTimeoutMS=100")),
            (s, c, d) => s.AddLeadViewStore(c, d).AddProjectionControl(c, d));

        Assert.IsType<MongoLeadViewStore>(provider.GetRequiredService<ILeadViewStore>());
        Assert.Same(provider.GetRequiredService<ILeadViewStore>(), provider.GetRequiredService<IProjectionStore<LeadReadModel>>());
        Assert.IsType<MongoProjectionControl>(provider.GetRequiredService<IProjectionControl>());
        Assert.Equal("leads", provider.GetRequiredService<MongoDB.Driver.IMongoDatabase>().DatabaseNamespace.DatabaseName);
        Assert.False(File.Exists(Path.Combine(_data, "views.db")));
    }

    [Fact]
    public async Task The_elasticsearch_connection_string_switches_the_search_index_and_its_reader()
    {
        var config = Config(("ConnectionStrings:elasticsearch", "http://127.0.0.1:9"), ("Leads:Elasticsearch:Replicas", "0"));
        await using var writer = Build(config, (s, c, d) => s.AddLeadSearchIndex(c, d));
        await using var reader = Build(config, (s, c, d) => s.AddLeadSearchReader(c, d));

        Assert.IsType<ElasticsearchLeadSearchIndex>(writer.GetRequiredService<ILeadSearchIndex>());
        Assert.Same(writer.GetRequiredService<ILeadSearchIndex>(), writer.GetRequiredService<ILeadSearchReader>());
        Assert.IsType<ElasticsearchLeadSearchReader>(reader.GetRequiredService<ILeadSearchReader>());
        Assert.Equal(("leads-search", 0), (reader.GetRequiredService<ElasticsearchSearchOptions>().Alias, reader.GetRequiredService<ElasticsearchSearchOptions>().Replicas));
    }

    [Fact]
    public async Task The_query_side_reads_the_embedded_search_folder_read_only()
    {
        await using var provider = Build(Config(), (s, c, d) => s.AddLeadSearchReader(c, d).AddLeadViewStore(c, d));

        Assert.IsType<LuceneLeadSearchReader>(provider.GetRequiredService<ILeadSearchReader>());
    }

    [Fact]
    public async Task A_server_down_at_start_up_is_logged_and_not_fatal()
    {
        await using var provider = Build(
            Config(("ConnectionStrings:mongo", "mongodb://127.0.0.1:1/leads?serverSelectionTimeoutMS=100&connectTimeoutMS=100")),
            (s, c, d) => s.AddLogging().AddLeadViewStore(c, d));
        var startup = Assert.Single(provider.GetServices<IHostedService>());

        await startup.StartAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_elasticsearch_connection_string_that_is_not_a_url_is_refused_with_the_reason()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReadStoreEngines.From(Config(("ConnectionStrings:elasticsearch", "not a url"))));

        Assert.Contains("ConnectionStrings:elasticsearch must be a URL", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
