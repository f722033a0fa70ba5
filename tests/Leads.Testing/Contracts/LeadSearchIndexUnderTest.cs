using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;
using Leads.Search;

namespace Leads.Testing.Contracts;

/// <summary>
/// The search index under test and what the search contracts share to write and search it: the index is opened and
/// closed by the adapter's <see cref="ISearchIndexHost"/> (embedded Lucene, Elasticsearch), which must open the same
/// storage each time within one test, so that a close and reopen shows what is durable.
/// </summary>
public abstract class LeadSearchIndexUnderTest(ISearchIndexHost host) : IAsyncLifetime
{
    /// <summary>How long a committed batch may take to show up in searches.</summary>
    protected static readonly TimeSpan VisibilityDeadline = TimeSpan.FromSeconds(1);

    private ILeadSearchIndex? _index;

    protected ILeadSearchIndex Index => _index ?? throw new InvalidOperationException("index not open");

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Opens this test's index (empty the first time).</summary>
    protected Task<ILeadSearchIndex> OpenIndexAsync() => host.OpenAsync();

    /// <summary>Closes an index so that reopening it shows only what is durable.</summary>
    protected Task CloseIndexAsync(ILeadSearchIndex index) => host.CloseAsync(index);

    public async ValueTask InitializeAsync() => _index = await OpenIndexAsync();

    public async ValueTask DisposeAsync()
    {
        if (_index is not null)
        {
            await CloseIndexAsync(_index);
        }

        await host.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task ReopenAsync()
    {
        await CloseIndexAsync(Index);
        _index = null;
        _index = await OpenIndexAsync();
    }

    /// <summary>Writes the documents as one projector batch with the highest position as checkpoint, and flushes.</summary>
    protected async Task WriteAsync(params LeadSearchDocument[] documents)
    {
        await Index.CommitAsync(Batch(documents), Cancel);
        await Index.FlushAsync(Cancel);
    }

    protected static ProjectionCommit<LeadSearchDocument> Batch(params LeadSearchDocument[] documents) =>
        new([.. documents.Select(SearchLeads.Write)], [], documents.Max(d => d.Position));

    protected async Task<IReadOnlyList<LeadSearchHit>> SearchAsync(string text, int pageSize = 10)
    {
        var query = SearchQuery.Parse(text, pageSize);
        Assert.True(query.IsValid, query.Error?.Message);
        return await Index.SearchAsync(query.Value, Cancel);
    }

    protected async Task<LeadSearchHit> SearchOneAsync(string text) => Assert.Single(await SearchAsync(text));

    protected static LeadSearchDocument Lead1410 => SearchLeads.Fold(1, SearchLeads.Story1410);

    /// <summary>A lead with one name, email and phone, its events from <paramref name="position"/> on.</summary>
    protected static LeadSearchDocument Lead(long id, string name, string email, string phone, ulong position) =>
        SearchLeads.Fold(position, SearchLeads.Initialized(id, name, email, phone));

    protected static LeadSearchHit Hit(long leadId, string name, LeadStatus? status, MatchedField field, string value, bool historical) =>
        new(leadId, name, status, field, value, historical);

    protected static GlobalPosition At(ulong sequence) => GlobalPosition.FromSequence(sequence);
}
