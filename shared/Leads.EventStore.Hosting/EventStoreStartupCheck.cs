using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Leads.EventStore.Hosting;

/// <summary>
/// Says in one line which event store is used and where its data lives, then opens it before the service takes
/// calls, so a bad path fails the start rather than the first command. A server (EventStoreDB) that does not answer
/// yet does not stop the start: a container that exits would only be restarted into the same failure (a crash loop
/// whose only message is a stack trace). The service starts unhealthy instead, says why in one line (the health check),
/// and turns healthy when the node answers.
/// </summary>
public sealed partial class EventStoreStartupCheck(EventStoreLocation location, IServiceProvider services, ILogger<EventStoreStartupCheck> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LogStore(logger, location.Kind, location.Where);
        var store = services.GetRequiredService<IEventStore>();
        if (location.Kind == EventStoreKind.EventStoreDb)
        {
            var health = await services.GetRequiredService<EventStoreHealthCheck>().CheckHealthAsync(new HealthCheckContext(), cancellationToken);
            if (health.Status != HealthStatus.Healthy)
            {
                return;
            }
        }

        var head = await store.ReadHeadPositionAsync(cancellationToken);
        LogHead(logger, head?.ToString() ?? "none (empty store)");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Event store: {Store} at {DataLocation}")]
    private static partial void LogStore(ILogger logger, EventStoreKind store, string dataLocation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event store opened; last global position {Head}")]
    private static partial void LogHead(ILogger logger, string head);
}
