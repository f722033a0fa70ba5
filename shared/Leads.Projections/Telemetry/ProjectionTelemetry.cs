using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Leads.EventStore;

namespace Leads.Projections.Telemetry;

/// <summary>
/// The projection runtime's spans and metrics (ActivitySource and Meter <see cref="SourceName"/>). Each applied event
/// gets a span that continues the trace in the event's metadata (the command's span), so one trace shows a command
/// and every projection of its events, across processes; a batch's commit span links the events it stores. Lag and
/// parked counts come from the status the host publishes.
/// </summary>
public static class ProjectionTelemetry
{
    public const string SourceName = "Leads.Projections";

    /// <summary>Most links on a commit span (a full batch has hundreds of events).</summary>
    private const int MaxLinks = 64;

    private static readonly ConcurrentDictionary<string, ProjectorStatus> Latest = new(StringComparer.Ordinal);

    private static readonly Meter Meter = new(SourceName);

    private static readonly Counter<long> Applied = Meter.CreateCounter<long>(
        "leads.projection.events", unit: "{event}", description: "Events applied and committed, by projection");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "leads.projection.commit.duration", unit: "s", description: "Time to store a batch with its checkpoint");

    static ProjectionTelemetry()
    {
        Meter.CreateObservableGauge("leads.projection.lag.events", () => Observe(s => (long)Math.Min(s.LagEvents, long.MaxValue)),
            unit: "{event}", description: "Events the projection would receive after its checkpoint, counted up to 10,000");
        Meter.CreateObservableGauge("leads.projection.lag.seconds", () => Observe(s => s.LagSeconds),
            unit: "s", description: "Age of the oldest event the projection has not applied yet; 0 when caught up");
        Meter.CreateObservableGauge("leads.projection.parked", () => Observe(s => (long)s.ParkedCount),
            unit: "{event}", description: "Events parked after their handler kept failing");
    }

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>A span for applying one event, child of the trace context written with it (null when nobody listens).</summary>
    public static Activity? StartApply(string projection, RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (!Source.HasListeners())
        {
            return null;
        }

        var parent = ParentOf(recorded.Metadata);
        var activity = Source.StartActivity($"project {projection}", ActivityKind.Consumer, parent);
        activity?.SetTag("leads.projection", projection)
            .SetTag("leads.event.type", recorded.EventType)
            .SetTag("leads.stream", recorded.StreamId)
            .SetTag("leads.stream.revision", (long)recorded.StreamRevision)
            .SetTag("leads.position", recorded.Position.ToString());
        return activity;
    }

    /// <summary>Marks an event's span failed (the event is parked).</summary>
    public static void Parked(Activity? activity, string error) => activity?.SetStatus(ActivityStatusCode.Error, error);

    /// <summary>A span for storing a batch, linked to the traces of the events in it.</summary>
    public static Activity? StartCommit(string projection, IEnumerable<SubscriptionMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>();
        var events = 0;
        foreach (var message in batch)
        {
            if (message is SubscriptionMessage.Event { Recorded: var recorded })
            {
                events++;
                if (links.Count < MaxLinks && ParentOf(recorded.Metadata) is { TraceId: var traceId } context && traceId != default)
                {
                    links.Add(new ActivityLink(context));
                }
            }
        }

        var activity = Source.StartActivity(ActivityKind.Internal, default(ActivityContext), links: links, name: $"commit {projection}");
        activity?.SetTag("leads.projection", projection).SetTag("leads.batch.events", events);
        return activity;
    }

    /// <summary>Counts a committed batch.</summary>
    public static void Committed(string projection, int events, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("projection", projection);
        if (events > 0)
        {
            Applied.Add(events, tag);
        }

        CommitDuration.Record(elapsed.TotalSeconds, tag);
    }

    /// <summary>Remembers a projector's latest status for the lag and parked gauges.</summary>
    public static void Observe(ProjectorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        Latest[status.Name] = status;
    }

    private static ActivityContext ParentOf(EventMetadata metadata) =>
        metadata.TraceParent is { Length: > 0 } traceParent
        && ActivityContext.TryParse(traceParent, metadata.TraceState, isRemote: true, out var context)
            ? context
            : default;

    private static IEnumerable<Measurement<T>> Observe<T>(Func<ProjectorStatus, T> value)
        where T : struct =>
        Latest.Values.Select(s => new Measurement<T>(value(s), new KeyValuePair<string, object?>("projection", s.Name)));
}
