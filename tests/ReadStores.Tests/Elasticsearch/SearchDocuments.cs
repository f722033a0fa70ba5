using Leads.Search;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>Queries for the request-shape tests (the documents come from <see cref="Leads.Testing.Contracts.SearchLeads"/>).</summary>
public static class SearchDocuments
{
    public static SearchQuery Query(string text, int pageSize = 10) => SearchQuery.Parse(text, pageSize).Value!;
}
