using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>A SQLite store's identity belongs to its file: kept across reopening, another for another file.</summary>
public sealed class SqliteStoreIdentityTests : IDisposable
{
    private readonly TempDirectory _folder = new("leads-es-identity-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_file_keeps_its_identity_when_reopened_and_another_file_has_another()
    {
        string first;
        await using (var store = new SqliteEventStore(_folder.File("a.db")))
        {
            first = await store.ReadStoreIdAsync(Ct);
        }

        await using var reopened = new SqliteEventStore(_folder.File("a.db"));
        await using var other = new SqliteEventStore(_folder.File("b.db"));

        Assert.Equal(first, await reopened.ReadStoreIdAsync(Ct));
        Assert.NotEqual(first, await other.ReadStoreIdAsync(Ct));
    }
}
