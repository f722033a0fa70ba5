using MongoDB.Driver;

namespace Leads.Projections.MongoDb;

/// <summary>Opens the database a connection string names (one client per process: it pools connections).</summary>
public static class MongoConnection
{
    public static IMongoDatabase OpenDatabase(MongoProjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = MongoUrl.Create(options.ConnectionString);
        var settings = MongoClientSettings.FromUrl(url);
        if (!options.ConnectionString.Contains("serverSelectionTimeoutMS", StringComparison.OrdinalIgnoreCase))
        {
            settings.ServerSelectionTimeout = options.ServerSelectionTimeout;
        }

        var client = new MongoClient(settings);
        return client.GetDatabase(options.Database ?? url.DatabaseName ?? MongoProjectionOptions.DefaultDatabase);
    }
}
