using Elastic.Clients.Elasticsearch;
using Leads.ReadStores.Tests.Servers;
using Leads.Search;
using Leads.Search.Elasticsearch;
using Leads.Testing.Contracts;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// Elasticsearch for the search contracts: an alias of its own per test; closing drops nothing (the data is on the
/// server), so a reopen is a new adapter finding the alias and its checkpoint document; the test's indexes are deleted
/// with it.
/// </summary>
public sealed class ElasticsearchIndexHost(ElasticsearchServer server) : ISearchIndexHost
{
    private (ElasticsearchClient Client, ElasticsearchSearchOptions Options)? _index;

    public Task<ILeadSearchIndex> OpenAsync()
    {
        _index ??= server.NewIndex();
        return Task.FromResult<ILeadSearchIndex>(new ElasticsearchLeadSearchIndex(_index.Value.Client, _index.Value.Options));
    }

    public Task CloseAsync(ILeadSearchIndex index) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_index is { } index)
        {
            await ElasticsearchServer.DeleteAsync(index.Client, index.Options);
        }
    }
}

/// <summary>The search index contract, unchanged, on Elasticsearch.</summary>
public sealed class ElasticsearchLeadSearchIndexContractTests(ElasticsearchServer server)
    : LeadSearchIndexContract(new ElasticsearchIndexHost(server)), IClassFixture<ElasticsearchServer>;

/// <summary>The search matching contract, unchanged, on Elasticsearch.</summary>
public sealed class ElasticsearchLeadSearchMatchingContractTests(ElasticsearchServer server)
    : LeadSearchMatchingContract(new ElasticsearchIndexHost(server)), IClassFixture<ElasticsearchServer>;
