namespace Leads.ViewProjector;

/// <summary>
/// Where the view projector's data lives, from configuration only: the event store (<c>ConnectionStrings:eventstore</c>:
/// an <c>esdb://</c> URL, or a SQLite file path; unset means <c>events.db</c> in <c>Leads:DataDirectory</c>, default
/// <c>.data</c>), the views (<c>views.db</c> there) and the control plane shared with ops (<c>projections.db</c> there).
/// </summary>
public sealed record ViewProjectorStorage(string? EventStoreDbConnection, string EventsFile, string ViewsFile, string ControlFile)
{
    public const string DataDirectoryKey = "Leads:DataDirectory";

    public static ViewProjectorStorage FromConfiguration(IConfiguration configuration, string currentDirectory)
    {
        var dataDirectory = configuration[DataDirectoryKey];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? ".data" : dataDirectory, currentDirectory);
        var eventStore = configuration.GetConnectionString("eventstore")?.Trim();
        var isEventStoreDb = eventStore is not null
            && (eventStore.StartsWith("esdb://", StringComparison.OrdinalIgnoreCase) || eventStore.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase));
        var eventsFile = !isEventStoreDb && !string.IsNullOrEmpty(eventStore)
            ? Path.GetFullPath(eventStore, currentDirectory)
            : Path.Combine(directory, "events.db");
        return new ViewProjectorStorage(
            isEventStoreDb ? eventStore : null,
            eventsFile,
            Path.Combine(directory, "views.db"),
            Path.Combine(directory, "projections.db"));
    }
}
