using Leads.Projections;

namespace Leads.Search;

/// <summary>
/// The search index port: what the search projector writes through, as a projection store of the runtime
/// (<see cref="IProjectionStore{TDoc}"/>: load documents by stream, commit a batch with its checkpoint, rewind for a
/// reset, park events) plus search. Every adapter (embedded Lucene, Elasticsearch) passes the same contract suite.
/// One writer at a time; searches run concurrently with writes.
/// <list type="bullet">
/// <item>A document write replaces the stored one only when its position is higher: an older or replayed batch is skipped.</item>
/// <item>The checkpoint becomes durable with the writes of its batch, never before them.</item>
/// <item>Searches see a committed batch within about a second.</item>
/// </list>
/// </summary>
public interface ILeadSearchIndex : ILeadSearchReader, IProjectionStore<LeadSearchDocument>
{
    /// <summary>Makes every committed batch durable and visible to searches now (also done on a timer and at close).</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
