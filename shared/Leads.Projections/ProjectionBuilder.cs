using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// Registers a projection's handlers explicitly, per event type, so that a typo fails to compile:
/// <code>
/// new ProjectionBuilder&lt;LeadView&gt;("lead-view", LeadView.Empty, Decode)
///     .SubscribeTo(SubscriptionFilter.StreamPrefix("lead-"))
///     .On&lt;NameChanged&gt;((view, e, ctx) => view with { Name = e.Name })
///     .Build();
/// </code>
/// </summary>
/// <remarks>The decoder may be asynchronous (one that needs a lead's key to reveal personal data, say).</remarks>
public sealed class ProjectionBuilder<TDoc>(string name, Func<string, TDoc> initial, Func<RecordedEvent, CancellationToken, ValueTask<object?>> decode)
    where TDoc : class
{
    public ProjectionBuilder(string name, Func<string, TDoc> initial, Func<RecordedEvent, object?> decode)
        : this(name, initial, (recorded, _) => ValueTask.FromResult(decode(recorded)))
    {
    }

    private readonly Dictionary<Type, Func<TDoc, object, EventContext, TDoc>> _handlers = [];
    private Func<TDoc, EventContext, TDoc>? _afterEach;
    private SubscriptionFilter _subscription = SubscriptionFilter.None;
    private Func<IReadOnlyList<RecordedEvent>, CancellationToken, ValueTask>? _prepareBatch;

    /// <summary>
    /// What the projection subscribes to (by default every event but the store's system events): its projector
    /// receives only these, and measures its head and lag on them.
    /// </summary>
    public ProjectionBuilder<TDoc> SubscribeTo(SubscriptionFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _subscription = filter;
        return this;
    }

    public ProjectionBuilder<TDoc> On<TEvent>(Func<TDoc, TEvent, EventContext, TDoc> handler)
        where TEvent : class
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!_handlers.TryAdd(typeof(TEvent), (doc, e, ctx) => handler(doc, (TEvent)e, ctx)))
        {
            throw new InvalidOperationException($"Projection {name} already handles {typeof(TEvent).Name}.");
        }

        return this;
    }

    /// <summary>
    /// Runs once per batch, before its events are decoded: for a decoder that would otherwise make a round trip per
    /// event (reading each lead's key, say), to read them all at once. Only a speed-up: when it fails, the projector
    /// logs it and decodes the batch as it would without it.
    /// </summary>
    public ProjectionBuilder<TDoc> PrepareBatch(Func<IReadOnlyList<RecordedEvent>, CancellationToken, ValueTask> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        _prepareBatch = prepare;
        return this;
    }

    /// <summary>Runs after every handled event (bookkeeping such as revision, position and updated time).</summary>
    public ProjectionBuilder<TDoc> AfterEach(Func<TDoc, EventContext, TDoc> step)
    {
        _afterEach = step;
        return this;
    }

    /// <summary>
    /// Feeds a part of this document from another projection (its handlers run on the part). Lets one store keep
    /// several pure projections of the same stream behind one checkpoint.
    /// </summary>
    public ProjectionBuilder<TDoc> Include<TPart>(Projection<TPart> part, Func<TDoc, TPart> get, Func<TDoc, TPart, TDoc> set)
        where TPart : class
    {
        ArgumentNullException.ThrowIfNull(part);
        foreach (var type in part.HandledEventTypes)
        {
            Func<TDoc, object, EventContext, TDoc> applyPart = (doc, e, ctx) => set(doc, part.Apply(get(doc), e, ctx));
            if (_handlers.TryGetValue(type, out var existing))
            {
                _handlers[type] = (doc, e, ctx) => applyPart(existing(doc, e, ctx), e, ctx);
            }
            else
            {
                _handlers[type] = applyPart;
            }
        }

        return this;
    }

    public Projection<TDoc> Build() => new(name, initial, decode, new Dictionary<Type, Func<TDoc, object, EventContext, TDoc>>(_handlers), _afterEach, _subscription, _prepareBatch);
}
