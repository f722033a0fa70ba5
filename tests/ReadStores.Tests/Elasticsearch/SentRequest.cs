namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>One request as the Elasticsearch client put it on the wire.</summary>
public sealed record SentRequest(string Method, string Path, string PathAndQuery, string? ContentType, string? Body, string Accept = "")
{
    /// <summary>The NDJSON lines of a bulk body.</summary>
    public IReadOnlyList<string> Lines => (Body ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
