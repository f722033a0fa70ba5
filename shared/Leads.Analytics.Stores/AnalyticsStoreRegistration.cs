using Leads.Analytics.PostgreSql;
using Leads.Analytics.Sqlite;
using Leads.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Leads.Analytics.Stores;

/// <summary>
/// Registers lead-analytics' store and tables as the configuration chooses: PostgreSQL when
/// <c>ConnectionStrings:analytics</c> is set (its tables created at start when missing), else SQLite
/// <c>analytics.db</c> in the data directory. Also the questions (<see cref="LeadAnalyticsQueries"/>).
/// </summary>
public static class AnalyticsStoreRegistration
{
    public const string ConnectionName = "analytics";

    public static IServiceCollection AddLeadAnalyticsStore(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var postgres = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            services.TryAddSingleton(_ => new PostgresLeadAnalytics(postgres));
            services.TryAddSingleton(sp => sp.GetRequiredService<PostgresLeadAnalytics>().Store);
            services.TryAddSingleton(sp => sp.GetRequiredService<PostgresLeadAnalytics>().Tables);
            services.AddHostedService<PostgresSchemaAtStart>();
        }
        else
        {
            services.TryAddSingleton(_ => SqliteLeadAnalytics.InDataDirectory(dataDirectory));
            services.TryAddSingleton(sp => sp.GetRequiredService<SqliteLeadAnalytics>().Store);
            services.TryAddSingleton(sp => sp.GetRequiredService<SqliteLeadAnalytics>().Tables);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LeadAnalyticsQueries>();
        return services;
    }

    /// <summary>Creates the PostgreSQL tables before the projector's first batch (it retries until they exist anyway).</summary>
    private sealed class PostgresSchemaAtStart(PostgresLeadAnalytics analytics) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => analytics.CreateSchemaAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
