namespace Leads.IntegrationPublisher.Publishing;

/// <summary>How the publisher sends a batch (section <c>IntegrationPublisher</c> in configuration).</summary>
public sealed record PublisherOptions
{
    /// <summary>Leads published at the same time within a batch; each lead's messages go one after another.</summary>
    public int MaxConcurrentLeads { get; init; } = 64;

    /// <summary>How long one publish may wait for the broker's confirmation before the batch is retried.</summary>
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
