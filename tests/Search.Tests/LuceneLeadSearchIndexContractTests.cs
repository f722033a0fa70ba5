using Leads.Search.Lucene;

namespace Leads.Search.Tests;

/// <summary>The search index contract on the embedded Lucene index, in a temporary folder per test.</summary>
public sealed class LuceneLeadSearchIndexContractTests : LeadSearchIndexContract
{
    private readonly TempFolder _folder = new();

    protected override Task<ILeadSearchIndex> OpenIndexAsync() =>
        Task.FromResult<ILeadSearchIndex>(new LuceneLeadSearchIndex(new LuceneSearchIndexOptions(_folder.Path)));

    protected override async Task CloseIndexAsync(ILeadSearchIndex index) => await ((LuceneLeadSearchIndex)index).DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
