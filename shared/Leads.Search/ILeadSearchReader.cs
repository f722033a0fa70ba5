using Leads.Projections;

namespace Leads.Search;

/// <summary>
/// The query side of the search index: what the query service needs. An adapter opened read-only (in another process
/// than the projector) implements only this. <see cref="ICheckpointReader.ReadCheckpointAsync"/> gives the position
/// up to which what searches see is complete: the writer's latest applied batch, or for a read-only reader the
/// checkpoint of the commit it currently sees.
/// </summary>
public interface ILeadSearchReader : ICheckpointReader, IParkedEventReader
{
    /// <summary>
    /// Hits for <paramref name="query"/>, at most <see cref="SearchQuery.PageSize"/>, ranked by
    /// <see cref="LeadSearchMatcher.Ranking"/>: current matches above historical ones, then by lead id.
    /// </summary>
    Task<IReadOnlyList<LeadSearchHit>> SearchAsync(SearchQuery query, CancellationToken cancellationToken);
}
