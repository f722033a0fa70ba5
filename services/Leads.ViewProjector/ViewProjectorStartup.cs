namespace Leads.ViewProjector;

/// <summary>Says in one line where the view projector reads and writes, before it starts.</summary>
public sealed class ViewProjectorStartup(ViewProjectorStorage storage, ILogger<ViewProjectorStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "View projector: events from SQLite {EventsFile}; lead views and status logs in {ViewsFile}; control plane in {ControlFile}",
            storage.EventsFile, storage.ViewsFile, storage.ControlFile);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
