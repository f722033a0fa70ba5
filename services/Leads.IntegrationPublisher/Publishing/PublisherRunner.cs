using Leads.Projections;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>Runs the publisher's projector for the life of the host (the bus is started before it by MassTransit's hosted service).</summary>
public sealed partial class PublisherRunner(IProjector projector, Storage.PublisherDataLocation location, ILogger<PublisherRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(logger, projector.Name, location.EventStoreFile ?? "EventStoreDB", location.CheckpointFile);
        return projector.RunAsync(stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection}: publishing lead events from {EventStore}, checkpoint in {CheckpointFile}")]
    private static partial void LogStarting(ILogger logger, string projection, string eventStore, string checkpointFile);
}
