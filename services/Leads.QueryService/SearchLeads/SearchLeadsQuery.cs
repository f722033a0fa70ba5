using Leads.Contracts.V1;
using Leads.QueryService.Grpc;
using Leads.Search;

namespace Leads.QueryService.SearchLeads;

/// <summary>
/// Finds leads by any name, email or phone they ever had, in the search index the search projector writes (opened
/// read-only here). The query's shape decides what it searches (see <see cref="SearchQuery.Parse"/>).
/// </summary>
internal sealed class SearchLeadsQuery(ILeadSearchReader index)
{
    public async Task<SearchLeadsReply> RunAsync(SearchLeadsRequest request, CancellationToken cancellationToken)
    {
        var query = SearchQuery.Parse(request.Query, request.PageSize);
        if (!query.IsValid)
        {
            throw RpcErrors.InvalidArgument(query.Error.Field ?? "query", query.Error.Message);
        }

        var hits = await index.SearchAsync(query.Value, cancellationToken).ConfigureAwait(false);
        var reply = new SearchLeadsReply();
        reply.Hits.AddRange(hits.Select(h => new SearchHit
        {
            LeadId = h.LeadId,
            Name = h.Name,
            Status = h.Status.ToProto(),
            MatchedField = (Contracts.V1.MatchedField)(int)h.MatchedField,
            MatchedValue = h.MatchedValue,
            Historical = h.Historical,
        }));
        return reply;
    }
}
