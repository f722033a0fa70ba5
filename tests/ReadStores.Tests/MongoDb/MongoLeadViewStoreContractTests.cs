using Leads.Projections;
using Leads.ReadStores.Tests.Servers;
using Leads.Testing.Contracts;
using Leads.Views;
using Leads.Views.MongoDb;
using MongoDB.Driver;

namespace Leads.ReadStores.Tests.MongoDb;

/// <summary>The view-store contract, unchanged, on MongoDB: a database of its own per store, dropped afterwards.</summary>
public sealed class MongoLeadViewStoreContractTests(MongoServer server) : LeadViewStoreContract, IClassFixture<MongoServer>, IAsyncDisposable
{
    private readonly List<IMongoDatabase> _databases = [];

    protected override (ILeadViewStore Reader, IProjectionStore<LeadReadModel> Writer) CreateStore()
    {
        var database = server.NewDatabase(out var options);
        _databases.Add(database);
        var store = new MongoLeadViewStore(database, options);
        return (store, store);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await MongoServer.DropAsync(database);
        }
    }
}
