using Leads.EventStore;

namespace Leads.CommandService.Storage;

/// <summary>
/// Opens the event store before the service takes calls (a bad path or an unreachable server fails the start, not
/// the first command) and says in one line which store is used and where its data lives.
/// </summary>
public sealed partial class EventStoreStartupCheck(EventStoreLocation location, IServiceProvider services, ILogger<EventStoreStartupCheck> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IEventStore>();
        var head = await store.ReadHeadPositionAsync(cancellationToken);
        LogStore(logger, location.Kind, location.Where, head?.ToString() ?? "empty");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Event store: {Store} at {DataLocation} (head position {Head})")]
    private static partial void LogStore(ILogger logger, EventStoreKind store, string dataLocation, string head);
}
