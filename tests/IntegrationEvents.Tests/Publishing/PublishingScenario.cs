using IntegrationEvents.Tests.Broker;

namespace IntegrationEvents.Tests.Support;

/// <summary>
/// One test's world: a temporary data directory (event store, publisher checkpoint, commissions ledger), its own
/// virtual host on the shared broker, an observer of every integration event, the commissions consumer and the
/// publisher, each started as its deployable wires it.
/// </summary>
public sealed class PublishingScenario : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private PublishingScenario(DirectoryInfo directory, string rabbitMq, LeadEventWriter events, MessageObserver observer, CommissionsHost commissions)
    {
        _directory = directory;
        RabbitMq = rabbitMq;
        Events = events;
        Observer = observer;
        Commissions = commissions;
    }

    public string RabbitMq { get; }

    public string DataDirectory => _directory.FullName;

    public LeadEventWriter Events { get; }

    public MessageObserver Observer { get; }

    public CommissionsHost Commissions { get; }

    public PublisherHost? Publisher { get; private set; }

    /// <summary>Consumers first (their queues must exist before anything is published), the publisher on demand.</summary>
    /// <param name="reminders">The observer also records the reminder process's messages.</param>
    public static async Task<PublishingScenario> StartAsync(RabbitMqBroker broker, string name, CancellationToken cancellationToken, bool reminders = false)
    {
        var directory = Directory.CreateTempSubdirectory($"leads-{name}-");
        var rabbitMq = await broker.CreateVirtualHostAsync(name, cancellationToken);
        var events = new LeadEventWriter(directory.FullName);
        var observer = await MessageObserver.StartAsync(rabbitMq, "observer", cancellationToken, reminders);
        var commissions = await CommissionsHost.StartAsync(directory.FullName, rabbitMq, cancellationToken);
        return new PublishingScenario(directory, rabbitMq, events, observer, commissions);
    }

    public async Task<PublisherHost> StartPublisherAsync(CancellationToken cancellationToken)
    {
        Publisher = await PublisherHost.StartAsync(DataDirectory, RabbitMq, cancellationToken);
        return Publisher;
    }

    public async ValueTask DisposeAsync()
    {
        if (Publisher is not null)
        {
            await Publisher.DisposeAsync();
        }

        await Commissions.DisposeAsync();
        await Observer.DisposeAsync();
        await Events.DisposeAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
