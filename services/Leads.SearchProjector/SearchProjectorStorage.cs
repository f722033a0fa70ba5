namespace Leads.SearchProjector;

/// <summary>
/// Where the search projector's data lives, from configuration only: the event store (<c>ConnectionStrings:eventstore</c>:
/// an <c>esdb://</c> URL, or a SQLite file path; unset means <c>events.db</c> in <c>Leads:DataDirectory</c>, default
/// <c>.data</c>), the Lucene index folder (<c>search/</c> there, with the checkpoint in its commit data) and the
/// control plane shared with ops (<c>projections.db</c> there).
/// </summary>
public sealed record SearchProjectorStorage(string? EventStoreDbConnection, string EventsFile, string IndexFolder, string ControlFile)
{
    public const string DataDirectoryKey = "Leads:DataDirectory";
    public const string IndexFolderName = "search";

    public static SearchProjectorStorage FromConfiguration(IConfiguration configuration, string currentDirectory)
    {
        var dataDirectory = configuration[DataDirectoryKey];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? ".data" : dataDirectory, currentDirectory);
        var eventStore = configuration.GetConnectionString("eventstore")?.Trim();
        var isEventStoreDb = eventStore is not null
            && (eventStore.StartsWith("esdb://", StringComparison.OrdinalIgnoreCase) || eventStore.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase));
        var eventsFile = !isEventStoreDb && !string.IsNullOrEmpty(eventStore)
            ? Path.GetFullPath(eventStore, currentDirectory)
            : Path.Combine(directory, "events.db");
        return new SearchProjectorStorage(
            isEventStoreDb ? eventStore : null,
            eventsFile,
            Path.Combine(directory, IndexFolderName),
            Path.Combine(directory, "projections.db"));
    }
}
