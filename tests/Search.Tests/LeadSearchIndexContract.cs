using Leads.Domain;
using Leads.EventStore;
using Leads.Projections;

namespace Leads.Search.Tests;

/// <summary>
/// What every search index adapter must do (embedded Lucene now, Elasticsearch later): derive a class, say how to open
/// the index under test and how to close it. <see cref="OpenIndexAsync"/> must open the same storage each time within
/// one test, so that a close and reopen shows what is durable. An adapter whose server is not reachable calls
/// <c>Assert.Skip</c> from <see cref="OpenIndexAsync"/> with the reason.
/// </summary>
public abstract partial class LeadSearchIndexContract : IAsyncLifetime
{
    /// <summary>How long a committed batch may take to show up in searches.</summary>
    protected static readonly TimeSpan VisibilityDeadline = TimeSpan.FromSeconds(1);

    private ILeadSearchIndex? _index;

    protected ILeadSearchIndex Index => _index ?? throw new InvalidOperationException("index not open");

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Opens this test's index (empty the first time).</summary>
    protected abstract Task<ILeadSearchIndex> OpenIndexAsync();

    /// <summary>Closes an index so that reopening it shows only what is durable.</summary>
    protected abstract Task CloseIndexAsync(ILeadSearchIndex index);

    public virtual async ValueTask InitializeAsync() => _index = await OpenIndexAsync();

    public virtual async ValueTask DisposeAsync()
    {
        if (_index is not null)
        {
            await CloseIndexAsync(_index);
        }

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
        new([.. documents.Select(Leads.Write)], [], documents.Max(d => d.Position));

    protected async Task<IReadOnlyList<LeadSearchHit>> SearchAsync(string text, int pageSize = 10)
    {
        var query = SearchQuery.Parse(text, pageSize);
        Assert.True(query.IsValid, query.Error?.Message);
        return await Index.SearchAsync(query.Value, Cancel);
    }

    protected async Task<LeadSearchHit> SearchOneAsync(string text) => Assert.Single(await SearchAsync(text));

    protected static LeadSearchDocument Lead1410 => Leads.Fold(1, Leads.Story1410);

    /// <summary>A lead with one name, email and phone, its events from <paramref name="position"/> on.</summary>
    protected static LeadSearchDocument Lead(long id, string name, string email, string phone, ulong position) =>
        Leads.Fold(position, Leads.Initialized(id, name, email, phone));

    protected static LeadSearchHit Hit(long leadId, string name, LeadStatus? status, MatchedField field, string value, bool historical) =>
        new(leadId, name, status, field, value, historical);

    protected static GlobalPosition At(ulong sequence) => GlobalPosition.FromSequence(sequence);
}
