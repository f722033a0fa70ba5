using Leads.Privacy.Sqlite;
using Leads.Testing.Contracts;

namespace Leads.Privacy.Tests;

/// <summary>The key-store contract on the embedded SQLite file (a fresh file per test).</summary>
public sealed class SqliteLeadKeyStoreTests : LeadKeyStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("lead-keys-").FullName;

    protected override ILeadKeyStore CreateStore() => new SqliteLeadKeyStore(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"));

    [Fact]
    public async Task Two_store_instances_on_one_file_share_keys_as_processes_do()
    {
        var file = SqliteLeadKeyStore.FileIn(_directory);
        var created = await new SqliteLeadKeyStore(file).GetOrCreateAsync(1410, TestContext.Current.CancellationToken);

        var seen = await new SqliteLeadKeyStore(file).GetAsync(1410, TestContext.Current.CancellationToken);

        Assert.Equal(created.Key!.Value.ToArray(), seen.Key!.Value.ToArray());
    }

    [Fact]
    public async Task A_deleted_key_leaves_no_bytes_in_the_files()
    {
        var file = SqliteLeadKeyStore.FileIn(_directory);
        var store = new SqliteLeadKeyStore(file);
        var key = (await store.GetOrCreateAsync(1410, TestContext.Current.CancellationToken)).Key!.Value.ToArray();

        await store.DeleteAsync(new KeyErasure(1410, DateTimeOffset.UtcNow, "ops", "asked"), TestContext.Current.CancellationToken);

        foreach (var path in Directory.GetFiles(_directory, "keys.db*"))
        {
            var bytes = await ReadSharedAsync(path);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(key));
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        if (!File.Exists(path))
        {
            return []; // SQLite removed its -wal/-shm file between the listing and the read: no bytes left there.
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, TestContext.Current.CancellationToken);
        return memory.ToArray();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
