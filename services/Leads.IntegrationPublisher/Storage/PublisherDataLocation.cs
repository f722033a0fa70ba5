namespace Leads.IntegrationPublisher.Storage;

/// <summary>
/// Where the publisher reads events and keeps its checkpoint, from configuration only. The data directory is
/// <c>Leads:DataDirectory</c> (default <c>.data</c> under the current directory); the publisher's checkpoint file lives
/// there. The event store is <c>ConnectionStrings:eventstore</c>: an <c>esdb://</c> URL means EventStoreDB, any other
/// value a SQLite file path, and unset <c>events.db</c> in the data directory.
/// </summary>
public sealed record PublisherDataLocation(string DataDirectory, string? EventStoreFile, string? EventStoreDbConnectionString)
{
    public const string EventStoreConnectionStringName = "eventstore";
    public const string DataDirectoryKey = "Leads:DataDirectory";
    public const string DefaultDataDirectory = ".data";
    public const string SqliteFileName = "events.db";

    public string CheckpointFile => Checkpoints.PublisherCheckpoints.FileIn(DataDirectory);

    public static PublisherDataLocation FromConfiguration(IConfiguration configuration, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[DataDirectoryKey];
        var dataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? DefaultDataDirectory : configured, currentDirectory);
        var connectionString = configuration.GetConnectionString(EventStoreConnectionStringName)?.Trim();
        if (connectionString is not null
            && (connectionString.StartsWith("esdb://", StringComparison.OrdinalIgnoreCase)
                || connectionString.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase)))
        {
            return new PublisherDataLocation(dataDirectory, null, connectionString);
        }

        var file = string.IsNullOrEmpty(connectionString)
            ? Path.Combine(dataDirectory, SqliteFileName)
            : Path.GetFullPath(connectionString, currentDirectory);
        return new PublisherDataLocation(dataDirectory, file, null);
    }
}
