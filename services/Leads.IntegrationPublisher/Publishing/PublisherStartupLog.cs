using Leads.Projections.Sqlite;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>Says at start where the publisher keeps its checkpoint (the event store says where it is itself).</summary>
public sealed partial class PublisherStartupLog(SqliteLedgerFile ledger, ILogger<PublisherStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarting(logger, ledger.Projection, ledger.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection}: publishing lead events, checkpoint in {CheckpointFile}")]
    private static partial void LogStarting(ILogger logger, string projection, string checkpointFile);
}
