using System.Net.Http.Headers;

namespace Leads.Testing;

/// <summary>Adds <c>authorization: Bearer ...</c> to every request (gRPC metadata travels as HTTP/2 headers).</summary>
public sealed class BearerTokenHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}
