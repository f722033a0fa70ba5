namespace Leads.Security;

/// <summary>
/// HS256 keys that this repository has published (as a default in docker-compose.yml and the Kubernetes base, before
/// deployments had to bring their own). Anyone who reads the repository can mint any token with them, so a production
/// service refuses to start with one.
/// </summary>
public static class PublishedSigningKeys
{
    private static readonly HashSet<string> Published = new(StringComparer.Ordinal)
    {
        "dM0bYjREDOJ7bify+0YibbjymFYw14sofNaZKOVmrHNIcBsIXlZ/slzE3ZAD3J0m",
    };

    /// <summary>True when the base64 key in <c>Auth:SigningKey</c> is one of them (surrounding white space ignored).</summary>
    public static bool Contains(string configuredKey) => Published.Contains(configuredKey.Trim());
}
