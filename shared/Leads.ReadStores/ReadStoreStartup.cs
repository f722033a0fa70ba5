using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Leads.ReadStores;

/// <summary>
/// Says in one line which engine serves each read store, and prepares the server-backed ones at start-up (MongoDB
/// indexes, the Elasticsearch alias and index). A server that is down at start-up is logged, not fatal: the stores
/// prepare themselves on first use, and the projector reports itself faulted until the server answers.
/// </summary>
internal sealed class ReadStoreStartup(IEnumerable<ReadStorePreparation> preparations, ILogger<ReadStoreStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var preparation in preparations)
        {
            logger.LogInformation("Read store {Store}: {Engine}", preparation.Store, preparation.Engine);
            if (preparation.PrepareAsync is null)
            {
                continue;
            }

            try
            {
                await preparation.PrepareAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Read store {Store} on {Engine} is not ready yet; it will prepare itself on first use", preparation.Store, preparation.Engine);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
