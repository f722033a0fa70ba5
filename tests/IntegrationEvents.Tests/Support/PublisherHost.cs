using Leads.IntegrationPublisher;
using Leads.IntegrationPublisher.Publishing;
using Leads.IntegrationPublisher.Reminders;
using Leads.Projections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationEvents.Tests.Support;

/// <summary>The integration publisher, wired exactly as its deployable wires it, running in a host of the test.</summary>
public sealed class PublisherHost : IAsyncDisposable
{
    private readonly IHost _host;

    private PublisherHost(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>The publishing projection (the reminder process runs a second one beside it: <see cref="Reminders"/>).</summary>
    public IProjector Projector => ProjectorNamed(IntegrationPublisherProjection.Name);

    public IProjector Reminders => ProjectorNamed(FollowupReminderProjection.Name);

    private IProjector ProjectorNamed(string name) => _host.Services.GetServices<IProjector>().Single(p => p.Name == name);

    public static Task<PublisherHost> StartAsync(string dataDirectory, string? rabbitMq, CancellationToken cancellationToken) =>
        StartAsync(dataDirectory, rabbitMq, new Dictionary<string, string?>(), _ => { }, cancellationToken);

    /// <summary>With more settings, and services registered before the publisher's (a clock) or after them (a sender that replaces the bus's).</summary>
    public static async Task<PublisherHost> StartAsync(
        string dataDirectory, string? rabbitMq, IDictionary<string, string?> settings, Action<IServiceCollection> replace, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Leads:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["IntegrationPublisher:PublishTimeout"] = "00:00:03",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddIntegrationPublisher(builder.Configuration, dataDirectory);
        replace(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new PublisherHost(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _host.StopAsync(stop.Token);
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
