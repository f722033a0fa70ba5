using Leads.Search.Lucene;
using Leads.Testing;
using Leads.Testing.Contracts;

namespace Leads.Search.Tests;

/// <summary>The embedded Lucene index in a temporary folder of its own per test; closing it disposes the writer.</summary>
public sealed class LuceneIndexHost : ISearchIndexHost
{
    private readonly TempDirectory _folder = new("leads-search-");

    public Task<ILeadSearchIndex> OpenAsync() =>
        Task.FromResult<ILeadSearchIndex>(new LuceneLeadSearchIndex(new LuceneSearchIndexOptions(_folder.Path)));

    public async Task CloseAsync(ILeadSearchIndex index) => await ((LuceneLeadSearchIndex)index).DisposeAsync();

    public ValueTask DisposeAsync()
    {
        _folder.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The search index contract on the embedded Lucene index.</summary>
public sealed class LuceneLeadSearchIndexContractTests() : LeadSearchIndexContract(new LuceneIndexHost());

/// <summary>The search matching contract on the embedded Lucene index.</summary>
public sealed class LuceneLeadSearchMatchingContractTests() : LeadSearchMatchingContract(new LuceneIndexHost());
