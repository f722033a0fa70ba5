using System.Net;
using System.Text;

namespace Leads.ReadStores.Tests.Elasticsearch;

/// <summary>
/// Stands in for an Elasticsearch node behind the real client: records every request the client sends (method, path and
/// query, content type, Accept, body as sent) and answers from a script of routes, so tests see the exact requests without a
/// server. A request no route answers gets 500 with the request in the body (and fails the test that did not expect it).
/// </summary>
public sealed class RecordingHandler : HttpMessageHandler
{
    private readonly List<(Func<SentRequest, bool> Matches, Func<SentRequest, (int Status, string Body)> Answer)> _routes = [];

    public List<SentRequest> Requests { get; } = [];

    /// <summary>When set, every request fails as if the node were down.</summary>
    public bool Unreachable { get; set; }

    public RecordingHandler On(string method, string pathAndQuery, int status, string body) =>
        On(r => r.Method == method && r.PathAndQuery == pathAndQuery, _ => (status, body));

    public RecordingHandler On(Func<SentRequest, bool> matches, Func<SentRequest, (int Status, string Body)> answer)
    {
        _routes.Insert(0, (matches, answer)); // the latest route wins
        return this;
    }

    public IEnumerable<SentRequest> To(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path);

    /// <summary>The body as the client wrote it, unzipped when the client compressed it (it does by default).</summary>
    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        if (content.Headers.ContentEncoding.Contains("gzip"))
        {
            await using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await unzip.CopyToAsync(plain, cancellationToken);
            bytes = plain.ToArray();
        }

        return Encoding.UTF8.GetString(bytes);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await ReadBodyAsync(request.Content, cancellationToken);
        // Paths as Elasticsearch reads them: the client escapes '*' in an index pattern (%2A), the server decodes it.
        var sent = new SentRequest(
            request.Method.Method,
            Uri.UnescapeDataString(request.RequestUri!.AbsolutePath),
            Uri.UnescapeDataString(request.RequestUri.PathAndQuery),
            request.Content?.Headers.ContentType?.MediaType,
            body,
            string.Join(", ", request.Headers.Accept.Select(a => a.ToString())));
        lock (Requests)
        {
            Requests.Add(sent);
        }

        if (Unreachable)
        {
            throw new HttpRequestException("Connection refused (fake node is down)");
        }

        var route = _routes.FirstOrDefault(r => r.Matches(sent));
        var (status, answer) = route.Answer is null ? (500, $"{{\"error\":\"no route for {sent.Method} {sent.PathAndQuery}\"}}") : route.Answer(sent);
        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            Content = new StringContent(answer, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        };
        response.Headers.Add("X-Elastic-Product", "Elasticsearch");
        return response;
    }
}
