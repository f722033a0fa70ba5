using System.Runtime.ExceptionServices;
using Leads.EventStore;
using Polly;

namespace Leads.Projections.Runtime;

/// <summary>
/// Decodes one recorded event and applies the pure projection to a document. A failing handler is retried with
/// jittered backoff; what still fails is reported with its error, for the caller to park.
/// </summary>
internal sealed class EventApplier<TDoc>
    where TDoc : class
{
    private readonly Projection<TDoc> _projection;
    private readonly ResiliencePipeline _retries;

    public EventApplier(Projection<TDoc> projection, ProjectorOptions options, TimeProvider clock)
    {
        _projection = projection;
        _retries = JitteredRetry.Build(options.HandlerRetries, options.HandlerRetryDelay, clock);
    }

    /// <summary>The new document (null when the event is not one of the projection's), or the error after the last attempt.</summary>
    public async Task<(TDoc? Document, string? Error, int Attempts)> TryApplyAsync(TDoc document, RecordedEvent recorded, CancellationToken cancellationToken)
    {
        try
        {
            return (await ApplyOnceAsync(document, recorded, cancellationToken).ConfigureAwait(false), null, 1);
        }
        catch (Exception first) when (first is not OperationCanceledException)
        {
            // The failed first attempt counts as the pipeline's first execution; then come the retries with backoff.
            var attempts = 0;
            try
            {
                var next = await _retries.ExecuteAsync(
                    ct =>
                    {
                        if (attempts++ == 0)
                        {
                            ExceptionDispatchInfo.Throw(first);
                        }

                        return ApplyOnceAsync(document, recorded, ct);
                    },
                    cancellationToken).ConfigureAwait(false);
                return (next, null, attempts);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return (null, $"{ex.GetType().Name}: {ex.Message}", attempts);
            }
        }
    }

    /// <summary>The projection's preparation of a batch (<see cref="Projection{TDoc}.PrepareBatchAsync"/>).</summary>
    public ValueTask PrepareBatchAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken cancellationToken) =>
        _projection.PrepareBatchAsync(batch, cancellationToken);

    /// <summary>One attempt, no retry: the new document, or null when the event is not one of the projection's.</summary>
    public async ValueTask<TDoc?> ApplyOnceAsync(TDoc document, RecordedEvent recorded, CancellationToken cancellationToken)
    {
        var decoded = await _projection.DecodeAsync(recorded, cancellationToken).ConfigureAwait(false);
        if (decoded is null || !_projection.Handles(decoded.GetType()))
        {
            return null;
        }

        return _projection.Apply(document, decoded, EventContext.Of(recorded));
    }
}
