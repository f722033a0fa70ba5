namespace Leads.SearchProjector;

/// <summary>Says in one line where the search projector reads and writes, before it starts.</summary>
public sealed class SearchProjectorStartup(SearchProjectorStorage storage, ILogger<SearchProjectorStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Search projector: events from SQLite {EventsFile}; Lucene search index in {IndexFolder}; control plane in {ControlFile}",
            storage.EventsFile, storage.IndexFolder, storage.ControlFile);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
