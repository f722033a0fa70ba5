using Elastic.Clients.Elasticsearch;
using Leads.ReadStores.Tests.Servers;
using Leads.Search;
using Leads.Search.Elasticsearch;
using Leads.Search.Tests;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// The search index contract, unchanged, on Elasticsearch: an alias of its own per test; closing drops nothing (the
/// data is on the server), so a reopen is a new adapter finding the alias and its checkpoint document.
/// </summary>
public sealed class ElasticsearchLeadSearchIndexContractTests(ElasticsearchServer server) : LeadSearchIndexContract, IClassFixture<ElasticsearchServer>
{
    private (ElasticsearchClient Client, ElasticsearchSearchOptions Options)? _index;

    protected override Task<ILeadSearchIndex> OpenIndexAsync()
    {
        _index ??= server.NewIndex();
        return Task.FromResult<ILeadSearchIndex>(new ElasticsearchLeadSearchIndex(_index.Value.Client, _index.Value.Options));
    }

    protected override Task CloseIndexAsync(ILeadSearchIndex index) => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_index is { } index)
        {
            await ElasticsearchServer.DeleteAsync(index.Client, index.Options);
        }
    }
}
