namespace Leads.EventStore.ContractTests.Sqlite;

/// <summary>The port's contract on the embedded SQLite store.</summary>
public sealed class SqliteEventStoreContractTests(SqliteStoreFixture fixture) : EventStoreContract, IClassFixture<SqliteStoreFixture>
{
    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(fixture.Store);
}
