using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Leads.EventStore.Telemetry;

/// <summary>Spans and metrics of event store calls (ActivitySource and Meter <see cref="SourceName"/>).</summary>
public static class EventStoreTelemetry
{
    public const string SourceName = "Leads.EventStore";

    private static readonly Meter Meter = new(SourceName);

    private static readonly Histogram<double> AppendDuration = Meter.CreateHistogram<double>(
        "leads.eventstore.append.duration", unit: "s", description: "Time to append to a stream, by engine and outcome");

    private static readonly Counter<long> AppendedEvents = Meter.CreateCounter<long>(
        "leads.eventstore.appended", unit: "{event}", description: "Events appended, by engine");

    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Wraps a store so that every append is measured and traced as a child of the caller's span.</summary>
    public static IEventStore Instrumented(this IEventStore store, string engine) => new InstrumentedEventStore(store, engine);

    internal static void Appended(string engine, string outcome, int events, TimeSpan elapsed)
    {
        var tags = new TagList { { "engine", engine }, { "outcome", outcome } };
        AppendDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome == "success")
        {
            AppendedEvents.Add(events, new KeyValuePair<string, object?>("engine", engine));
        }
    }
}
