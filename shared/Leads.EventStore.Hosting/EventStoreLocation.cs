using Leads.EventStore;
using Leads.EventStore.EventStoreDb;
using Leads.EventStore.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Leads.EventStore.Hosting;

/// <summary>
/// Which event store the service uses, chosen by configuration only: <c>ConnectionStrings:eventstore</c> set to an
/// <c>esdb://</c> URL means EventStoreDB; any other value is the path of a SQLite file; unset means
/// <c>events.db</c> in <c>Leads:DataDirectory</c> (default <c>.data</c> under the current directory).
/// </summary>
public sealed record EventStoreLocation(EventStoreKind Kind, string Where, string? ConnectionString, string DataDirectory)
{
    public const string ConnectionStringName = "eventstore";
    public const string DataDirectoryKey = "Leads:DataDirectory";
    public const string DefaultDataDirectory = ".data";
    public const string SqliteFileName = "events.db";

    public static EventStoreLocation FromConfiguration(IConfiguration configuration, string currentDirectory)
    {
        var directory = DataDirectoryFrom(configuration, currentDirectory);
        var connectionString = configuration.GetConnectionString(ConnectionStringName)?.Trim();
        return string.IsNullOrEmpty(connectionString)
            ? new EventStoreLocation(EventStoreKind.Sqlite, Path.Combine(directory, SqliteFileName), null, directory)
            : FromConnectionString(connectionString, currentDirectory, directory);
    }

    /// <summary>
    /// The store a connection string names: an <c>esdb://</c> (or <c>esdb+discover://</c>) URL is EventStoreDB, anything
    /// else the path of a SQLite file (relative to <paramref name="currentDirectory"/>).
    /// </summary>
    public static EventStoreLocation FromConnectionString(string connectionString, string currentDirectory, string? dataDirectory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        connectionString = connectionString.Trim();
        if (IsEventStoreDb(connectionString))
        {
            return new EventStoreLocation(EventStoreKind.EventStoreDb, Redact(connectionString), connectionString, dataDirectory ?? currentDirectory);
        }

        var file = Path.GetFullPath(connectionString, currentDirectory);
        return new EventStoreLocation(EventStoreKind.Sqlite, file, null, dataDirectory ?? Path.GetDirectoryName(file)!);
    }

    /// <summary>The absolute data directory every embedded engine keeps its files in (<c>Leads:DataDirectory</c>, default <c>.data</c>).</summary>
    public static string DataDirectoryFrom(IConfiguration configuration, string currentDirectory)
    {
        var dataDirectory = configuration[DataDirectoryKey];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(dataDirectory) ? DefaultDataDirectory : dataDirectory, currentDirectory);
    }

    /// <summary>Opens the store; the DI container disposes it with the host.</summary>
    public IEventStore Open() => Kind switch
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
