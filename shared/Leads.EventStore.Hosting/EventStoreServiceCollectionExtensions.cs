using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Leads.EventStore.Hosting;

public static class EventStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the event store that configuration chooses (<see cref="EventStoreLocation"/>) as a singleton
    /// <see cref="IEventStore"/> the container disposes (<paramref name="decorate"/> may wrap it, e.g. with telemetry),
    /// plus a start-up check that logs which store and where and opens it (an embedded file before the host serves; a
    /// server that does not answer yet only makes the service unhealthy, see <see cref="EventStoreHealthCheck"/>),
    /// a health check that asks the store, and, for every gRPC service of the host,
    /// <see cref="EventStoreOutageInterceptor"/> (an unreachable store is Unavailable). Returns the location,
    /// whose <see cref="EventStoreLocation.DataDirectory"/> the embedded read stores use too. Relative paths are taken
    /// from <paramref name="currentDirectory"/> (default: the process's current directory).
    /// </summary>
    public static EventStoreLocation AddLeadEventStore(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<IEventStore, EventStoreLocation, IEventStore>? decorate = null,
        string? currentDirectory = null)
    {
        var location = EventStoreLocation.FromConfiguration(configuration, currentDirectory ?? Directory.GetCurrentDirectory());
        services.AddSingleton(location);
        services.AddSingleton(_ => decorate is null ? location.Open() : decorate(location.Open(), location));
        services.AddHostedService<EventStoreStartupCheck>();
        services.AddSingleton<EventStoreHealthCheck>();
        services.AddHealthChecks().AddCheck<EventStoreHealthCheck>(EventStoreHealthCheck.Name);
        services.AddSingleton<EventStoreOutageInterceptor>();
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<EventStoreOutageInterceptor>());
        return location;
    }
}
