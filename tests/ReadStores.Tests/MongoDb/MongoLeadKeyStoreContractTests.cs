using Leads.Privacy;
using Leads.Privacy.MongoDb;
using Leads.ReadStores.Tests.Servers;
using Leads.Testing.Contracts;
using MongoDB.Driver;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>The key-store contract, unchanged, on MongoDB: a database of its own per store, dropped afterwards. Skips without Docker.</summary>
public sealed class MongoLeadKeyStoreContractTests(MongoServer server) : LeadKeyStoreContract, IClassFixture<MongoServer>, IAsyncDisposable
{
    private readonly List<IMongoDatabase> _databases = [];

    protected override ILeadKeyStore CreateStore()
    {
        var database = server.NewDatabase(out _);
        _databases.Add(database);
        return new MongoLeadKeyStore(database);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await MongoServer.DropAsync(database);
        }
    }
}
