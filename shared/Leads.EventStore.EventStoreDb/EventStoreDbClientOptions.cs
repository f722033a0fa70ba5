using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Leads.EventStore.EventStoreDb;

/// <summary>How the client retries and filters; the defaults suit a projector and a command service alike.</summary>
public sealed record EventStoreDbClientOptions
{
    public static EventStoreDbClientOptions Default { get; } = new();

    /// <summary>Retries of a call that failed transiently (Unavailable, Aborted, Internal) or reached a follower.</summary>
    public int RetryAttempts { get; init; } = 6;

    /// <summary>First delay of the jittered exponential backoff.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed attempts to (re)open a subscription before it gives up.</summary>
    public int SubscriptionRetryAttempts { get; init; } = 20;

    /// <summary>Server-side filter: the most events scanned per search window.</summary>
    public uint FilterMaxSearchWindow { get; init; } = 32;

    /// <summary>Checkpoints come every window x multiplier scanned events; values below 1 are sent as 1 (0 makes the server fail).</summary>
    public uint CheckpointIntervalMultiplier { get; init; } = 1;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
