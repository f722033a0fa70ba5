using IntegrationEvents.Tests.Support;
using Leads.Domain;
using Leads.Domain.Events;
using Leads.EventStore;
using Leads.IntegrationPublisher.Publishing;
using Leads.IntegrationPublisher.Reminders;
using Leads.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationEvents.Tests.Reminders;

/// <summary>
/// The publisher with its reminder process on the embedded store, a clock the test moves and a recording sender; the
/// timer sweeps once at start (then hourly, so the test drives the sweeps it counts).
/// </summary>
public sealed class ReminderScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Today = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new();
    private PublisherHost? _publisher;

    private ReminderScenario() => Events = new LeadEventWriter(_directory.Path);

    public ManualClock Clock { get; } = new(Today);

    public RecordingSender Sender { get; } = new();

    public LeadEventWriter Events { get; }

    public PublisherHost Publisher => _publisher ?? throw new InvalidOperationException("not started");

    public static DateOnly Day(int fromToday) => DateOnly.FromDateTime(Today.UtcDateTime).AddDays(fromToday);

    public static async Task<ReminderScenario> StartAsync(CancellationToken cancellationToken)
    {
        var scenario = new ReminderScenario();
        await scenario.StartPublisherAsync(cancellationToken);
        return scenario;
    }

    public async Task StartPublisherAsync(CancellationToken cancellationToken) =>
        _publisher = await PublisherHost.StartAsync(_directory.Path, rabbitMq: null, new Dictionary<string, string?>
        {
            ["Reminders:SweepInterval"] = "01:00:00",
            ["Reminders:OverdueAfterDays"] = "2",
        }, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IIntegrationMessageSender>(Sender);
        }, cancellationToken);

    public async Task StopPublisherAsync()
    {
        if (_publisher is { } publisher)
        {
            _publisher = null;
            await publisher.DisposeAsync();
        }
    }

    /// <summary>A lead in Follow-up with a follow-up on <paramref name="date"/>; returns the position of its last event.</summary>
    public async Task<GlobalPosition> FollowupAsync(long leadId, DateOnly date, CancellationToken cancellationToken)
    {
        await Events.AppendAsync(new LeadWasInitialized(leadId), cancellationToken);
        await Events.AppendAsync(new StatusChanged(leadId, LeadStatus.FollowUp), cancellationToken);
        return await Events.AppendAsync(new FollowupSet(leadId, date), cancellationToken);
    }

    /// <summary>Waits until the reminder projection has applied <paramref name="position"/>, then sweeps once.</summary>
    public async Task<int> SweepAfterAsync(GlobalPosition position, CancellationToken cancellationToken)
    {
        await Publisher.Reminders.WaitForPositionAsync(position, cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return await Publisher.Services.GetRequiredService<ReminderSweep>().RunAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopPublisherAsync();
        await Events.DisposeAsync();
        _directory.Dispose();
    }
}
