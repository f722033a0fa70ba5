using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Transport;
using Leads.Search.Elasticsearch;
using Leads.Testing;

namespace Leads.ReadStores.Tests.Servers;

/// <summary>
/// An Elasticsearch server for the real-server tests, shared by a test class: <c>ELASTICSEARCH_URL</c> when set, else a
/// single node (security off) in a container when a Docker engine answers. Otherwise <see cref="SkipReason"/> says why,
/// and every test that needs it calls <c>Assert.Skip</c> with it. Each test gets an alias of its own.
/// </summary>
public sealed class ElasticsearchServer : IAsyncLifetime
{
    public const string Image = "docker.elastic.co/elasticsearch/elasticsearch:8.15.0";

    private IContainer? _container;

    public Uri? Url { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            Url = new Uri(configured);
            return;
        }

        if (DockerEngine.WhyUnavailable is { } why)
        {
            SkipReason = $"skipped: no Docker and no ELASTICSEARCH_URL: {why}";
            return;
        }

        if (DockerEngine.WhyImageMissing(Image) is { } missing)
        {
            SkipReason = $"skipped: no ELASTICSEARCH_URL and {missing}";
            return;
        }

        _container = new ContainerBuilder(Image)
            .WithEnvironment("discovery.type", "single-node")
            .WithEnvironment("xpack.security.enabled", "false")
            .WithEnvironment("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
            .WithPortBinding(9200, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(9200).ForPath("/_cluster/health?wait_for_status=yellow")))
            .Build();
        try
        {
            await _container.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SkipReason = $"skipped: a Docker engine answers but {Image} did not start: {ex.Message}";
            return;
        }

        Url = new Uri($"http://{_container.Hostname}:{_container.GetMappedPublicPort(9200)}");
    }

    /// <summary>A client and options with an alias of its own for one test (removed by <see cref="DeleteAsync"/>).</summary>
    public (ElasticsearchClient Client, ElasticsearchSearchOptions Options) NewIndex()
    {
        if (SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var options = new ElasticsearchSearchOptions(Url!) { Alias = "leads-search-t" + Guid.NewGuid().ToString("N")[..12], Replicas = 0 };
        return (ElasticsearchConnection.CreateClient(Url!), options);
    }

    /// <summary>
    /// Deletes the test's versioned indexes by name: Elasticsearch 8 and later refuse a wildcard delete
    /// (<c>action.destructive_requires_name</c>). Plain JSON media types, as the adapter sends them, so that 8 answers too.
    /// </summary>
    public static async Task DeleteAsync(ElasticsearchClient client, ElasticsearchSearchOptions options)
    {
        var json = new RequestConfiguration { Accept = "application/json", ContentType = "application/json" };
        var found = await client.Indices.GetAliasAsync(new GetAliasRequest { Indices = options.IndexPrefix + "*", RequestConfiguration = json }, CancellationToken.None);
        if (found.IsValidResponse && found.Aliases is { Count: > 0 } indexes)
        {
            await client.Indices.DeleteAsync(new DeleteIndexRequest(string.Join(',', indexes.Keys)) { RequestConfiguration = json }, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}
