using Leads.Privacy.MongoDb;
using Leads.Privacy.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Leads.Privacy.Stores;

/// <summary>
/// Registers the key store the configuration chooses, the same way the read stores are chosen: MongoDB
/// (<c>ConnectionStrings:mongo</c>, database <c>Leads:MongoDb:Database</c> or the URL's, collection <c>lead_keys</c>;
/// <c>Leads.Privacy.MongoDb</c>) when set, else SQLite <c>keys.db</c> in the data directory (<c>Leads.Privacy.Sqlite</c>).
/// Also registers the <see cref="LeadEventCodec"/> every reader and writer of lead events uses (cache from
/// <c>Leads:Keys:CacheSeconds</c>, default 30, and <c>Leads:Keys:CacheEntries</c>, default 10,000 leads).
/// </summary>
public static class LeadKeyStoreRegistration
{
    public const string MongoConnectionName = "mongo";

    public static IServiceCollection AddLeadKeys(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var mongo = configuration.GetConnectionString(MongoConnectionName);
        if (!string.IsNullOrWhiteSpace(mongo))
        {
            services.TryAddSingleton<ILeadKeyStore>(_ => MongoLeadKeyStore.Connect(mongo, configuration["Leads:MongoDb:Database"]));
        }
        else
        {
            var file = SqliteLeadKeyStore.FileIn(dataDirectory);
            services.TryAddSingleton<ILeadKeyStore>(_ => new SqliteLeadKeyStore(file));
        }

        var seconds = int.TryParse(configuration["Leads:Keys:CacheSeconds"], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 30;
        var defaults = new LeadKeyCacheOptions();
        var entries = int.TryParse(configuration["Leads:Keys:CacheEntries"], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : defaults.MaxEntries;
        services.TryAddSingleton(sp => new LeadEventCodec(
            sp.GetRequiredService<ILeadKeyStore>(),
            new LeadKeyCacheOptions { TimeToLive = TimeSpan.FromSeconds(Math.Max(0, seconds)), MaxEntries = Math.Max(1, entries) },
            sp.GetService<TimeProvider>()));
        return services;
    }
}
