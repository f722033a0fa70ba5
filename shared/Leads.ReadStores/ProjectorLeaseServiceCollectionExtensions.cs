using Leads.Projections.Leasing;
using Leads.Projections.MongoDb;
using Leads.Projections.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace Leads.ReadStores;

/// <summary>
/// The single-active-projector lease (<see cref="ProjectorLeaseOptions"/>, section <c>Leads:ProjectorLease</c>), beside
/// the control plane: MongoDB when <c>ConnectionStrings:mongo</c> is set, else SQLite <c>projections.db</c> in the data
/// directory. Registers nothing unless <c>Leads:ProjectorLease:Enabled</c> is true; with it, the projector host runs
/// each projector only while it holds the lease.
/// </summary>
public static class ProjectorLeaseServiceCollectionExtensions
{
    public static IServiceCollection AddProjectorLease(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection(ProjectorLeaseOptions.SectionName).Get<ProjectorLeaseOptions>() ?? new ProjectorLeaseOptions();
        if (!options.Enabled)
        {
            return services;
        }

        var engines = ReadStoreEngines.From(configuration);
        if (engines.Mongo is { } mongo)
        {
            ReadStoreServiceCollectionExtensions.AddMongoDatabase(services, mongo, configuration);
            services.TryAddSingleton<IProjectorLease>(sp => new MongoProjectorLease(
                sp.GetRequiredService<IMongoDatabase>(), sp.GetRequiredService<MongoProjectionOptions>(), sp.GetService<ILogger<MongoProjectorLease>>()));
        }
        else
        {
            var file = ReadStoreEngines.ControlFile(dataDirectory);
            services.TryAddSingleton<IProjectorLease>(_ => new SqliteProjectorLease(file));
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton<ProjectorLeasing>();
        return services;
    }
}
