using Leads.EventStore;
using Leads.EventStore.EventStoreDb;
using Leads.EventStore.Sqlite;

namespace Leads.CommandService.Storage;

/// <summary>
/// Which event store the service uses, chosen by configuration only: <c>ConnectionStrings:eventstore</c> set to an
/// <c>esdb://</c> URL means EventStoreDB; any other value is the path of a SQLite file; unset means
/// <c>events.db</c> in <c>Leads:DataDirectory</c> (default <c>.data</c> under the current directory).
/// </summary>
public sealed record EventStoreLocation(EventStoreKind Kind, string Where, string? ConnectionString)
{
    public const string ConnectionStringName = "eventstore";
    public const string DataDirectoryKey = "Leads:DataDirectory";
    public const string DefaultDataDirectory = ".data";
    public const string SqliteFileName = "events.db";

    public static EventStoreLocation FromConfiguration(IConfiguration configuration, string currentDirectory)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)?.Trim();
        if (IsEventStoreDb(connectionString))
        {
            return new EventStoreLocation(EventStoreKind.EventStoreDb, Redact(connectionString!), connectionString);
        }

        if (!string.IsNullOrEmpty(connectionString))
        {
            return new EventStoreLocation(EventStoreKind.Sqlite, Path.GetFullPath(connectionString, currentDirectory), null);
        }

        var dataDirectory = configuration[DataDirectoryKey];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? DefaultDataDirectory : dataDirectory, currentDirectory);
        return new EventStoreLocation(EventStoreKind.Sqlite, Path.Combine(directory, SqliteFileName), null);
    }

    /// <summary>Opens the store; the DI container disposes it with the host.</summary>
    public IEventStore Open(IServiceProvider services) => Kind switch
    {
        EventStoreKind.Sqlite => new SqliteEventStore(Where),
        EventStoreKind.EventStoreDb => EventStoreDbEventStore.Create(ConnectionString!),
        _ => throw new InvalidOperationException($"unknown event store kind {Kind}"),
    };

    public override string ToString() => $"{Kind} at {Where}";

    private static bool IsEventStoreDb(string? connectionString) =>
        connectionString is not null
        && (connectionString.StartsWith("esdb://", StringComparison.OrdinalIgnoreCase)
            || connectionString.StartsWith("esdb+discover://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The connection string without credentials, fit for a log line.</summary>
    private static string Redact(string connectionString)
    {
        var scheme = connectionString.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = connectionString.IndexOf('@', scheme);
        return at < 0 ? connectionString : connectionString[..scheme] + "***@" + connectionString[(at + 1)..];
    }
}
