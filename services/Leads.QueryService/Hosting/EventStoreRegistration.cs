using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.QueryService.Hosting;

/// <summary>
/// The event store the audit log, time travel and lag figures read, chosen as the command service chooses it:
/// <c>ConnectionStrings:eventstore</c> set to an <c>esdb://</c> URL means EventStoreDB (not in this build yet), any
/// other value is the path of a SQLite file, unset means <c>events.db</c> in the data directory.
/// </summary>
internal static class EventStoreRegistration
{
    public static IServiceCollection AddLeadEventStore(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        var connectionString = configuration.GetConnectionString("eventstore")?.Trim();
        if (connectionString is not null
            && (connectionString.StartsWith("esdb://", StringComparison.OrdinalIgnoreCase) || connectionString.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:eventstore points at EventStoreDB, but this build of the query service has no EventStoreDB adapter yet. "
                + "Unset it to use the embedded SQLite store.");
        }

        var file = string.IsNullOrEmpty(connectionString) ? data.EventStoreFile : Path.GetFullPath(connectionString);
        services.AddSingleton<IEventStore>(_ => new SqliteEventStore(file));
        return services;
    }
}
