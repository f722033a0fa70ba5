using Leads.Projections;
using Leads.Testing;
using Leads.Testing.Contracts;
using Leads.Views;
using Leads.Views.Sqlite;
using Projections.Tests.Support;

namespace Projections.Tests.Contract;

/// <summary>The view-store contract on the embedded SQLite adapter.</summary>
public sealed class SqliteLeadViewStoreContractTests : LeadViewStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override (ILeadViewStore Reader, IProjectionStore<LeadReadModel> Writer) CreateStore()
    {
        var store = new SqliteLeadViewStore(_directory.File($"views-{Guid.NewGuid():N}.db"));
        return (store, store);
    }

    public void Dispose() => _directory.Dispose();
}
