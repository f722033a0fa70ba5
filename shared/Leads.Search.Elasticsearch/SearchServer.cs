using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Logging;
using Leads.Projections;
using Polly;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// Sends the index's requests through the Elasticsearch client's transport (its node pool, authentication and
/// diagnostics), with plain JSON content types so that the same requests work against Elasticsearch 8 and 9. Every call
/// goes through retry with jittered backoff and a circuit breaker; only unavailability (no answer, 429, 5xx) is retried
/// and counted by the breaker.
/// </summary>
internal sealed class SearchServer
{
    private readonly ElasticsearchClient _client;
    private readonly ResiliencePipeline _resilience;
    private readonly RequestConfiguration _json;
    private readonly RequestConfiguration _ndjson;

    public SearchServer(ElasticsearchClient client, ElasticsearchSearchOptions options, ILogger logger)
    {
        _client = client;
        _json = new RequestConfiguration { Accept = "application/json", ContentType = "application/json", RequestTimeout = options.RequestTimeout };
        _ndjson = new RequestConfiguration { Accept = "application/json", ContentType = "application/x-ndjson", RequestTimeout = options.RequestTimeout };
        _resilience = ServerResilience.Build(
            "Elasticsearch", e => e is ElasticsearchUnavailableException, options.Retries, options.RetryDelay, options.BreakDuration, logger);
    }

    /// <summary>Sends a request; returns the status code and the parsed body. Statuses in <paramref name="expected"/> are answers, not errors.</summary>
    public Task<(int Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken, params int[] expected) =>
        SendAsync(method, path, body, ndjson: false, cancellationToken, expected);

    /// <summary>
    /// Sends a bulk request and checks each item: a version conflict (409: the stored document is at or past this
    /// position, or the parked event is already there) and a missing document on delete (404) mean "already applied";
    /// an item refused for load (429, 5xx) retries the whole request, which the versions make harmless.
    /// </summary>
    public async Task<int> SendBulkAsync(string path, string ndjson, CancellationToken cancellationToken)
    {
        if (ndjson.Length == 0)
        {
            return 0;
        }

        return await _resilience.ExecuteAsync(async ct =>
        {
            var (_, body) = await SendOnceAsync(HttpMethod.POST, path, ndjson, ndjson: true, [], ct).ConfigureAwait(false);
            return BulkOutcome.Check(body);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(int Status, JsonNode? Body)> SendAsync(
        HttpMethod method, string path, string? body, bool ndjson, CancellationToken cancellationToken, params int[] expected) =>
        await _resilience.ExecuteAsync(ct => new ValueTask<(int, JsonNode?)>(SendOnceAsync(method, path, body, ndjson, expected, ct)), cancellationToken).ConfigureAwait(false);

    private async Task<(int Status, JsonNode? Body)> SendOnceAsync(
        HttpMethod method, string path, string? body, bool ndjson, int[] expected, CancellationToken ct)
    {
            var data = body is null ? null : PostData.String(body);
            StringResponse response;
            try
            {
                response = await _client.Transport.RequestAsync<StringResponse>(method, path, data, ndjson ? _ndjson : _json, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TransportException or HttpRequestException)
            {
                throw new ElasticsearchUnavailableException($"Elasticsearch did not answer {method} {path}: {ex.Message}", ex);
            }

            var status = response.ApiCallDetails.HttpStatusCode;
            if (status is null)
            {
                throw new ElasticsearchUnavailableException(
                    $"Elasticsearch did not answer {method} {path}: {response.ApiCallDetails.OriginalException?.Message ?? "no response"}",
                    response.ApiCallDetails.OriginalException);
            }

            if (status is 429 or >= 500)
            {
                throw new ElasticsearchUnavailableException($"Elasticsearch answered {status} to {method} {path}: {Shorten(response.Body)}");
            }

            if (status is >= 200 and < 300 || expected.Contains(status.Value))
            {
                return (status.Value, string.IsNullOrEmpty(response.Body) ? null : JsonNode.Parse(response.Body));
            }

            throw new ElasticsearchRequestException($"Elasticsearch refused {method} {path} ({status}): {Shorten(response.Body)}");
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 500 ? text : text[..500];
}
