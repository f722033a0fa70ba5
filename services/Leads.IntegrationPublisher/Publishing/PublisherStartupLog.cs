using Leads.IntegrationPublisher.Storage;

namespace Leads.IntegrationPublisher.Publishing;

/// <summary>Says at start where the publisher reads events and keeps its checkpoint.</summary>
public sealed partial class PublisherStartupLog(PublisherDataLocation location, ILogger<PublisherStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarting(logger, IntegrationPublisherProjection.Name, location.EventStoreFile ?? "EventStoreDB " + Redacted(location.EventStoreDbConnectionString), location.CheckpointFile);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Redacted(string? connectionString)
    {
        if (connectionString is null)
        {
            return "";
        }

        var scheme = connectionString.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = connectionString.IndexOf('@', scheme);
        return at < 0 ? connectionString : connectionString[..scheme] + "***@" + connectionString[(at + 1)..];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projection {Projection}: publishing lead events from {EventStore}, checkpoint in {CheckpointFile}")]
    private static partial void LogStarting(ILogger logger, string projection, string eventStore, string checkpointFile);
}
