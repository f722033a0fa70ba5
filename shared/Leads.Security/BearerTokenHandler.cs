using System.Net.Http.Headers;

namespace Leads.Security;

/// <summary>
/// Adds <c>authorization: Bearer ...</c> to every request of a gRPC channel (metadata travels as HTTP/2 headers). Works on
/// cleartext HTTP/2 too, where gRPC call credentials are refused.
/// </summary>
public sealed class BearerTokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
