using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// The client for a connection string: a URL, with <c>user:password@</c> for basic authentication when security is on
/// (<c>https://elastic:secret@es.example:9200</c>). One client per process: it pools connections.
/// </summary>
public static class ElasticsearchConnection
{
    public static ElasticsearchClient CreateClient(Uri url, IRequestInvoker? invoker = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var plain = new UriBuilder(url) { UserName = "", Password = "" }.Uri;
        var settings = invoker is null
            ? new ElasticsearchClientSettings(new SingleNodePool(plain))
            : new ElasticsearchClientSettings(new SingleNodePool(plain), invoker);
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            var parts = url.UserInfo.Split(':', 2);
            settings.Authentication(new BasicAuthentication(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : ""));
        }

        return new ElasticsearchClient(settings);
    }
}
