using Leads.EventStore.Sqlite;

namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>One store file shared by every contract test of the class, as a shared server would be.</summary>
public sealed class SqliteStoreFixture : IAsyncLifetime
{
    private readonly TempStoreFile _file = new();

    public SqliteEventStore Store { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Store = new SqliteEventStore(_file.Path);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _file.Dispose();
    }
}
