using Leads.IntegrationPublisher;
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

    public IProjector Projector => _host.Services.GetRequiredService<IProjector>();

    public static async Task<PublisherHost> StartAsync(string dataDirectory, string? rabbitMq, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Leads:DataDirectory"] = dataDirectory,
            ["ConnectionStrings:rabbitmq"] = rabbitMq,
            ["IntegrationPublisher:PublishTimeout"] = "00:00:03",
        });
        var logs = new CapturedLogs();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.AddIntegrationPublisher(builder.Configuration, dataDirectory);
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
