using System.Diagnostics.Metrics;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>The publisher's counters, on the meter named <see cref="MeterName"/>.</summary>
public sealed class PublisherMetrics : IDisposable
{
    public const string MeterName = "Leads.IntegrationPublisher";
    public const string UntranslatableEvents = "leads.integration_publisher.untranslatable_events";
    public const string PublishedMessages = "leads.integration_publisher.published_messages";
    public const string PublishFailures = "leads.integration_publisher.publish_failures";

    private readonly Meter _meter;

    public PublisherMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        Untranslatable = _meter.CreateCounter<long>(UntranslatableEvents, "{event}", "Lead events skipped because they cannot be translated into integration messages");
        Published = _meter.CreateCounter<long>(PublishedMessages, "{message}", "Integration messages the broker confirmed");
        Failures = _meter.CreateCounter<long>(PublishFailures, "{batch}", "Batches whose publishing failed and will be retried");
    }

    public Counter<long> Untranslatable { get; }

    public Counter<long> Published { get; }

    public Counter<long> Failures { get; }

    public void Dispose() => _meter.Dispose();
}
