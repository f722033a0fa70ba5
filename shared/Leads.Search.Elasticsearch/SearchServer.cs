using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Requests;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using Microsoft.Extensions.Logging;
using Leads.Projections;
using Polly;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// Sends the index's typed requests through the Elasticsearch client, each with plain JSON media types (the 9.x client
/// would otherwise send <c>application/vnd.elasticsearch+json; compatible-with=9</c>, which Elasticsearch 8 refuses), so
/// that the same requests work against Elasticsearch 8 and 9. Every call goes through retry with jittered backoff and a
/// circuit breaker; only unavailability (no answer, 429, 5xx) is retried and counted by the breaker.
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

    /// <summary>Sends a request and returns its answer. Statuses in <paramref name="expected"/> are answers, not errors.</summary>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        TRequest request, Func<ElasticsearchClient, TRequest, CancellationToken, Task<TResponse>> send, CancellationToken cancellationToken, params int[] expected)
        where TRequest : Request
        where TResponse : ElasticsearchResponse
    {
        request.RequestConfiguration = _json;
        return await _resilience.ExecuteAsync(async ct => await SendOnceAsync(request, send, expected, ct).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a bulk request and checks each item: a version conflict (409: the stored document is at or past this
    /// position, or the parked event is already there) and a missing document on delete (404) mean "already applied";
    /// an item refused for load (429, 5xx) retries the whole request, which the versions make harmless.
    /// </summary>
    public async Task<int> SendBulkAsync(BulkRequest request, CancellationToken cancellationToken)
    {
        if (request.Operations is not { Count: > 0 })
        {
            return 0;
        }

        request.RequestConfiguration = _ndjson;
        return await _resilience.ExecuteAsync(async ct =>
        {
            var response = await SendOnceAsync(request, static (c, r, t) => c.BulkAsync(r, t), [], ct).ConfigureAwait(false);
            return BulkOutcome.Check(response.Items);
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> SendOnceAsync<TRequest, TResponse>(
        TRequest request, Func<ElasticsearchClient, TRequest, CancellationToken, Task<TResponse>> send, int[] expected, CancellationToken ct)
        where TResponse : ElasticsearchResponse
    {
        TResponse response;
        try
        {
            response = await send(_client, request, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TransportException or HttpRequestException)
        {
            throw new ElasticsearchUnavailableException($"Elasticsearch did not answer {typeof(TRequest).Name}: {ex.Message}", ex);
        }

        var call = response.ApiCallDetails;
        var sent = $"{call.HttpMethod} {call.Uri?.PathAndQuery}";
        var status = call.HttpStatusCode;
        if (status is null)
        {
            throw new ElasticsearchUnavailableException(
                $"Elasticsearch did not answer {sent}: {call.OriginalException?.Message ?? "no response"}", call.OriginalException);
        }

        if (status is 429 or >= 500)
        {
            throw new ElasticsearchUnavailableException($"Elasticsearch answered {status} to {sent}: {Reason(response)}");
        }

        if (status is >= 200 and < 300 || expected.Contains(status.Value))
        {
            return response;
        }

        throw new ElasticsearchRequestException($"Elasticsearch refused {sent} ({status}): {Reason(response)}");
    }

    private static string Reason(ElasticsearchResponse response)
    {
        var text = response.ElasticsearchServerError?.ToString() ?? response.ApiCallDetails.OriginalException?.Message ?? "";
        return text.Length <= 500 ? text : text[..500];
    }
}
