using Elastic.Clients.Elasticsearch.IndexManagement;
using Microsoft.Extensions.Logging;

namespace Leads.Search.Elasticsearch;

/// <summary>
/// After erasures, asks Elasticsearch to purge deleted documents from the lead index's segments
/// (<c>POST /&lt;index&gt;/_forcemerge?only_expunge_deletes=true</c>): an updated or deleted document stays on disk in
/// its segment until a merge drops it, and a forgotten lead's old versions hold its personal data. Batched and
/// rate-limited, never once per event: the first erasure schedules one request <see cref="ElasticsearchSearchOptions.ExpungeDelay"/>
/// later, but no sooner than <see cref="ElasticsearchSearchOptions.ExpungeInterval"/> after the previous one; erasures
/// meanwhile ride on that request. An erasure written once the request is under way, and a failed request, schedule
/// another.
/// </summary>
internal sealed class DeletedDocumentsExpunger(SearchServer server, Func<string> index, ElasticsearchSearchOptions options, TimeProvider clock, ILogger logger)
{
    private readonly Lock _lock = new();
    private ITimer? _scheduled;
    private bool _sending;
    private bool _erasedWhileSending;
    private DateTimeOffset? _lastSent;

    /// <summary>A batch that erased personal data was written: an expunge request is scheduled unless one already is.</summary>
    public void ErasureWritten()
    {
        lock (_lock)
        {
            if (_sending)
            {
                _erasedWhileSending = true;
                return;
            }

            if (_scheduled is null)
            {
                ScheduleLocked();
            }
        }
    }

    /// <summary>One request, <see cref="ElasticsearchSearchOptions.ExpungeDelay"/> from now but not within the interval of the last. Under the lock.</summary>
    private void ScheduleLocked()
    {
        var now = clock.GetUtcNow();
        var due = now + options.ExpungeDelay;
        if (_lastSent is { } last && last + options.ExpungeInterval > due)
        {
            due = last + options.ExpungeInterval;
        }

        _scheduled = clock.CreateTimer(_ => _ = SendAsync(), null, due - now, Timeout.InfiniteTimeSpan);
    }

    private async Task SendAsync()
    {
        lock (_lock)
        {
            _scheduled?.Dispose();
            _scheduled = null;
            _sending = true;
        }

        var target = index();
        var sent = false;
        try
        {
            await server.SendAsync(
                new ForcemergeRequest(target) { OnlyExpungeDeletes = true }, static (c, r, ct) => c.Indices.ForcemergeAsync(r, ct), CancellationToken.None).ConfigureAwait(false);
            sent = true;
            logger.LogInformation("Elasticsearch index {Index}: deleted documents expunged after erasures", target);
        }
        catch (Exception ex) when (ex is ElasticsearchUnavailableException or ElasticsearchRequestException)
        {
            logger.LogWarning(ex, "Elasticsearch index {Index}: expunging deleted documents after erasures failed; trying again later", target);
        }
        finally
        {
            lock (_lock)
            {
                _sending = false;
                _lastSent = clock.GetUtcNow();
                if (!sent || _erasedWhileSending)
                {
                    _erasedWhileSending = false;
                    ScheduleLocked();
                }
            }
        }
    }
}
