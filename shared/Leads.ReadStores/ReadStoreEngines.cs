using Microsoft.Extensions.Configuration;

namespace Leads.ReadStores;

/// <summary>
/// Which engines hold the read models, from configuration only: <c>ConnectionStrings:mongo</c> switches lead views,
/// status logs, checkpoints, parked events and the control plane to MongoDB; <c>ConnectionStrings:elasticsearch</c>
/// switches search to Elasticsearch. Unset, the embedded engines in the data directory serve (views.db,
/// projections.db, search/).
/// </summary>
public sealed record ReadStoreEngines(string? Mongo, Uri? Elasticsearch)
{
    public const string MongoConnectionName = "mongo";
    public const string ElasticsearchConnectionName = "elasticsearch";

    public static ReadStoreEngines From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mongo = configuration.GetConnectionString(MongoConnectionName);
        var elasticsearch = configuration.GetConnectionString(ElasticsearchConnectionName);
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(elasticsearch) && !Uri.TryCreate(elasticsearch.Trim(), UriKind.Absolute, out url))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ElasticsearchConnectionName} must be a URL such as http://localhost:9200 (got '{elasticsearch}')");
        }

        return new ReadStoreEngines(string.IsNullOrWhiteSpace(mongo) ? null : mongo.Trim(), url);
    }

    public static string ViewsFile(string dataDirectory) => Path.Combine(dataDirectory, "views.db");

    public static string ControlFile(string dataDirectory) => Path.Combine(dataDirectory, "projections.db");

    public static string SearchFolder(string dataDirectory) => Path.Combine(dataDirectory, "search");
}
