using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// A pure projection: one document per stream, evolved by handlers registered per event type
/// (<c>document + event -> document</c>). Build one with <see cref="ProjectionBuilder{TDoc}"/>. Stores apply it; the
/// same definition feeds every engine.
/// </summary>
public sealed class Projection<TDoc>
    where TDoc : class
{
    private readonly IReadOnlyDictionary<Type, Func<TDoc, object, EventContext, TDoc>> _handlers;
    private readonly Func<TDoc, EventContext, TDoc>? _afterEach;
    private readonly Func<RecordedEvent, CancellationToken, ValueTask<object?>> _decode;
    private readonly Func<string, TDoc> _initial;
    private readonly Func<IReadOnlyList<RecordedEvent>, CancellationToken, ValueTask>? _prepareBatch;

    internal Projection(
        string name,
        Func<string, TDoc> initial,
        Func<RecordedEvent, CancellationToken, ValueTask<object?>> decode,
        IReadOnlyDictionary<Type, Func<TDoc, object, EventContext, TDoc>> handlers,
        Func<TDoc, EventContext, TDoc>? afterEach,
        SubscriptionFilter subscription,
        Func<IReadOnlyList<RecordedEvent>, CancellationToken, ValueTask>? prepareBatch)
    {
        Name = name;
        Subscription = subscription;
        _initial = initial;
        _decode = decode;
        _handlers = handlers;
        _afterEach = afterEach;
        _prepareBatch = prepareBatch;
    }

    /// <summary>The projection's stable name (checkpoints, parked events and ops use it).</summary>
    public string Name { get; }

    /// <summary>
    /// The events the projection receives (a stream or event-type prefix, declared with
    /// <see cref="ProjectionBuilder{TDoc}.SubscribeTo"/>): what its projector subscribes to, and where its head and lag
    /// are measured.
    /// </summary>
    public SubscriptionFilter Subscription { get; }

    public IEnumerable<Type> HandledEventTypes => _handlers.Keys;

    /// <summary>The document of a stream before any event.</summary>
    public TDoc Initial(string streamId) => _initial(streamId);

    public bool Handles(Type eventType) => _handlers.ContainsKey(eventType);

    /// <summary>Turns a recorded event into the event record the handlers take; null when it is not one of ours.</summary>
    public ValueTask<object?> DecodeAsync(RecordedEvent recorded, CancellationToken cancellationToken) => _decode(recorded, cancellationToken);

    /// <summary>
    /// Runs before a batch's events are decoded one by one (see <see cref="ProjectionBuilder{TDoc}.PrepareBatch"/>):
    /// reads at once what decoding them would otherwise read per event.
    /// </summary>
    public ValueTask PrepareBatchAsync(IReadOnlyList<RecordedEvent> batch, CancellationToken cancellationToken) =>
        _prepareBatch?.Invoke(batch, cancellationToken) ?? ValueTask.CompletedTask;

    /// <summary>Applies one event; a type without a handler leaves the document as it is.</summary>
    public TDoc Apply(TDoc document, object @event, EventContext context)
    {
        if (!_handlers.TryGetValue(@event.GetType(), out var handler))
        {
            return document;
        }

        var next = handler(document, @event, context);
        return _afterEach is null ? next : _afterEach(next, context);
    }

    /// <summary>Folds events with their contexts from the initial document (specifications and time travel).</summary>
    public TDoc Fold(string streamId, IEnumerable<(object Event, EventContext Context)> events) =>
        events.Aggregate(Initial(streamId), (doc, x) => Apply(doc, x.Event, x.Context));
}
