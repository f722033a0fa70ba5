using System.Diagnostics;

namespace Leads.EventStore.Telemetry;

/// <summary>An event store whose appends are timed and traced; everything else goes straight to the inner store.</summary>
internal sealed class InstrumentedEventStore(IEventStore inner, string engine) : IEventStore, IAsyncDisposable, IDisposable
{
    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        using var activity = EventStoreTelemetry.Source.StartActivity("append", ActivityKind.Client);
        activity?.SetTag("db.system", engine).SetTag("leads.stream", streamId).SetTag("leads.events", events.Count);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await inner.AppendAsync(streamId, expected, events, cancellationToken).ConfigureAwait(false);
            outcome = result is AppendResult.Success ? "success" : "wrong_expected_revision";
            if (result is AppendResult.Success success)
            {
                activity?.SetTag("leads.position", success.Position.ToString());
            }

            return result;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            activity?.SetTag("leads.outcome", outcome);
            EventStoreTelemetry.Appended(engine, outcome, events.Count, Stopwatch.GetElapsedTime(started));
        }
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, ReadDirection direction, StreamPosition from, long maxCount, CancellationToken cancellationToken) =>
        inner.ReadStreamAsync(streamId, direction, from, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, CancellationToken cancellationToken) =>
        inner.ReadAllAsync(after, maxCount, cancellationToken);

    public IAsyncEnumerable<SubscriptionMessage> SubscribeToAllAsync(SubscriptionStart start, SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.SubscribeToAllAsync(start, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(GlobalPosition? after, long maxCount, SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public Task<GlobalPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken) => inner.ReadHeadPositionAsync(cancellationToken);

    public Task<GlobalPosition?> ReadHeadPositionAsync(SubscriptionFilter filter, CancellationToken cancellationToken) =>
        inner.ReadHeadPositionAsync(filter, cancellationToken);

    public Task<long> CountAsync(GlobalPosition? after, SubscriptionFilter filter, long limit, CancellationToken cancellationToken) =>
        inner.CountAsync(after, filter, limit, cancellationToken);

    public Task<string> ReadStoreIdAsync(CancellationToken cancellationToken) => inner.ReadStoreIdAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public void Dispose()
    {
        switch (inner)
        {
            case IDisposable disposable:
                disposable.Dispose();
                break;
            case IAsyncDisposable asyncDisposable:
                asyncDisposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
                break;
        }
    }
}
