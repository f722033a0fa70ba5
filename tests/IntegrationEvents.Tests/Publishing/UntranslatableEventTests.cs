using System.Diagnostics.Metrics;
using IntegrationEvents.Tests.Broker;
using IntegrationEvents.Tests.Support;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.IntegrationPublisher.Publishing;
using Leads.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationEvents.Tests.Publishing;

/// <summary>An event the publisher cannot translate is logged, counted and skipped; everything else still goes out.</summary>
[Collection(BrokerCollection.Name)]
public sealed class UntranslatableEventTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Untranslatable_events_are_logged_counted_and_skipped_without_stopping_other_events()
    {
        broker.SkipUnlessAvailable();
        var ct = TestContext.Current.CancellationToken;
        await using var scenario = await PublishingScenario.StartAsync(broker, "untranslatable", ct);
        var w = scenario.Events;
        var meta = LeadEventWriter.Metadata(Guid.NewGuid());
        await w.AppendAsync(new LeadWasInitialized(1), ct);
        await w.AppendAsync(new LeadWasInitialized(2), ct);
        await w.AppendAsync(LeadEventTypes.StatusChanged, "{not json"u8.ToArray(), LeadStream.Name(2), meta, ct);
        await w.AppendAsync(new LeadWasInitialized(3), ct);
        await w.AppendAsync("LeadTeleported.v1", "{}"u8.ToArray(), LeadStream.Name(3), meta, ct);
        await w.AppendAsync(new StatusChanged(1, LeadStatus.Available), ct);
        await w.AppendAsync(new StatusChanged(2, LeadStatus.Converted), ct);
        var last = await w.AppendAsync(new NameChanged(3, "Ada"), ct);

        using var counted = new UntranslatableCounter();
        var publisher = await scenario.StartPublisherAsync(ct);
        counted.Scope = publisher.Services.GetRequiredService<IMeterFactory>();
        await publisher.Projector.WaitForPositionAsync(last, ct).WaitAsync(Deadline, ct);
        await Eventually.IsTrueAsync(() => Task.FromResult(scenario.Observer.Count >= 6), Deadline, "6 messages observed", ct);

        var skippedLines = publisher.Logs.Lines.Where(l => l.Level == LogLevel.Warning && l.Message.Contains("skipped event", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { "LeadInitialized:1", "LeadInitialized:2", "LeadInitialized:3", "LeadStatusChanged:1", "LeadStatusChanged:2", "LeadConverted:2", "LeadRenamed:3" }
                .Order(StringComparer.Ordinal),
            scenario.Observer.Seen.Select(m => $"{m.Type}:{m.LeadId}").Order(StringComparer.Ordinal));
        Assert.Equal(2, counted.Total);
        Assert.Equal(2, skippedLines.Count);
        Assert.Contains(skippedLines, l => l.Message.Contains("lead-2", StringComparison.Ordinal) && l.Message.Contains(LeadEventTypes.StatusChanged, StringComparison.Ordinal));
        Assert.Contains(skippedLines, l => l.Message.Contains("lead-3", StringComparison.Ordinal) && l.Message.Contains("LeadTeleported.v1", StringComparison.Ordinal));
    }

    /// <summary>Sums the publisher's untranslatable-events counter of one host's meter factory.</summary>
    private sealed class UntranslatableCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public UntranslatableCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PublisherMetrics.MeterName && instrument.Name == PublisherMetrics.UntranslatableEvents)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (Scope is null || ReferenceEquals(instrument.Meter.Scope, Scope))
                {
                    Interlocked.Add(ref _total, value);
                }
            });
            _listener.Start();
        }

        public object? Scope { get; set; }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
