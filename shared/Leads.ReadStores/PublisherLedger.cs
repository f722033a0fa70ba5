using Leads.Projections.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Leads.ReadStores;

/// <summary>
/// Where the integration publisher keeps its checkpoint and parked events: it keeps no documents (what it makes goes to
/// the broker), so its store is the shared ledger alone (<see cref="SqliteLedgerFile"/>) in <c>integration-publisher.db</c>
/// in the data directory. The publisher writes it; the query service opens the same file to show the projection
/// <see cref="ProjectionName"/> in ProjectionAdmin.
/// </summary>
public static class PublisherLedger
{
    /// <summary>The publisher's projection name in the ledger, the control plane and ProjectionAdmin.</summary>
    public const string ProjectionName = "integration-publisher";

    public const string FileName = "integration-publisher.db";

    public static string FileIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Registers the publisher's <see cref="SqliteLedgerFile"/> in <paramref name="dataDirectory"/>, once.</summary>
    public static IServiceCollection AddPublisherLedger(this IServiceCollection services, string dataDirectory)
    {
        var file = FileIn(dataDirectory);
        services.TryAddSingleton(_ => new SqliteLedgerFile(file, ProjectionName));
        return services;
    }
}
