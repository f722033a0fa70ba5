namespace Leads.EventStore.ContractTests.Sqlite;

// The port's contracts on the embedded SQLite store, one store file per class.
public sealed class SqliteAppendContractTests(SqliteStoreFixture store) : EventStoreAppendContract(store), IClassFixture<SqliteStoreFixture>;

public sealed class SqliteReadContractTests(SqliteStoreFixture store) : EventStoreReadContract(store), IClassFixture<SqliteStoreFixture>;

public sealed class SqliteConcurrencyContractTests(SqliteStoreFixture store) : EventStoreConcurrencyContract(store), IClassFixture<SqliteStoreFixture>;

public sealed class SqliteSubscriptionContractTests(SqliteStoreFixture store) : EventStoreSubscriptionContract(store), IClassFixture<SqliteStoreFixture>;
