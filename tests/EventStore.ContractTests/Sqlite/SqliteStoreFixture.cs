using Leads.EventStore.Sqlite;
using Leads.Testing;

namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>One store file shared by every contract test of the class, as a shared server would be.</summary>
public sealed class SqliteStoreFixture : IAsyncLifetime, IEventStoreUnderTest
{
    private readonly TempDirectory _file = new("leads-es-tests-");

    public SqliteEventStore Store { get; private set; } = null!;

    public Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(Store);

    public ValueTask InitializeAsync()
    {
        Store = new SqliteEventStore(_file.File("events.db"));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _file.Dispose();
    }
}
