namespace Leads.Search.Elasticsearch;

/// <summary>Elasticsearch did not answer, or answered that it cannot serve now (429, 5xx): worth retrying.</summary>
public sealed class ElasticsearchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
