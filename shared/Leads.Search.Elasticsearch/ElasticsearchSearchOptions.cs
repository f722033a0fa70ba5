namespace Leads.Search.Elasticsearch;

/// <summary>
/// Where the search index lives in Elasticsearch (<c>ConnectionStrings:elasticsearch</c>, e.g.
/// <c>http://localhost:9200</c>, with <c>user:password@</c> when security is on) and how it is laid out: an alias that
/// searches use, pointing at one versioned index (<c>leads-search-v1</c>, <c>-v2</c>... a reset builds the next one).
/// </summary>
public sealed record ElasticsearchSearchOptions(Uri Url)
{
    public string Alias { get; init; } = "leads-search";

    /// <summary>Versioned indexes are named this plus a number.</summary>
    public string IndexPrefix => Alias + "-v";

    /// <summary>How often Elasticsearch makes indexed documents searchable (writes are visible within about this).</summary>
    public string RefreshInterval { get; init; } = "500ms";

    public int Shards { get; init; } = 1;

    /// <summary>Replicas of each shard (0 on a single development node keeps the index green).</summary>
    public int Replicas { get; init; } = 1;

    public int Retries { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after an erasure the index is asked to expunge its deleted documents (erasures meanwhile share the request).</summary>
    public TimeSpan ExpungeDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The least time between two expunge requests: a merge rewrites segments, so it is rate-limited.</summary>
    public TimeSpan ExpungeInterval { get; init; } = TimeSpan.FromMinutes(1);

    public string IndexName(int version) => IndexPrefix + version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The version of an index of this alias; null for any other name.</summary>
    public int? VersionOf(string index) =>
        index.StartsWith(IndexPrefix, StringComparison.Ordinal)
        && int.TryParse(index.AsSpan(IndexPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : null;
}
