using Leads.EventStore;
using Leads.EventStore.Sqlite;

namespace Leads.Testing;

/// <summary>The embedded default: <c>events.db</c> in the platform's data directory, which the services find by themselves.</summary>
internal sealed class SqlitePlatformEventStore : PlatformEventStore
{
    private string? dataDirectory;

    public override string Name => "SQLite";

    public override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public string EventsFile => Path.Combine(dataDirectory ?? throw new InvalidOperationException("the store was not started"), "events.db");

    public override Task StartAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        this.dataDirectory = dataDirectory;
        return Task.CompletedTask;
    }

    public override IEventStore Open() => new SqliteEventStore(EventsFile);

    public override async Task<byte[]> StoredBytesAsync(CancellationToken cancellationToken)
    {
        using var all = new MemoryStream();
        foreach (var path in Directory.GetFiles(Path.GetDirectoryName(EventsFile)!, "events.db*"))
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            await using (file.ConfigureAwait(false))
            {
                await file.CopyToAsync(all, cancellationToken).ConfigureAwait(false);
            }
        }

        return all.ToArray();
    }

    public override async Task<GlobalPosition?> LastEventPositionAsync(CancellationToken cancellationToken)
    {
        var store = new SqliteEventStore(EventsFile);
        await using (store.ConfigureAwait(false))
        {
            return await store.ReadHeadPositionAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
