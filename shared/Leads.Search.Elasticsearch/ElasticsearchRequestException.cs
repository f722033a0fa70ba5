namespace Leads.Search.Elasticsearch;

/// <summary>Elasticsearch refused a request (a 4xx other than the ones the caller expects, or failed bulk items).</summary>
public sealed class ElasticsearchRequestException(string message) : Exception(message);
