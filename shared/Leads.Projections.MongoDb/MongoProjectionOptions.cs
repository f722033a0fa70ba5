namespace Leads.Projections.MongoDb;

/// <summary>
/// Where the projection stores live in MongoDB and how they call it: the connection string (<c>ConnectionStrings:mongo</c>,
/// a replica set in production), the database (the connection string's path, else <c>leads</c>), and the retry and
/// circuit breaker every store call goes through. The control plane, the lease, the ledger and the document stores
/// (lead views) share one.
/// </summary>
public sealed record MongoProjectionOptions(string ConnectionString)
{
    public const string DefaultDatabase = "leads";

    /// <summary>The database; null takes it from the connection string, else <see cref="DefaultDatabase"/>.</summary>
    public string? Database { get; init; }

    /// <summary>Retries of one store call before the error reaches the projector (which has its own, slower, retries).</summary>
    public int Retries { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the circuit stays open after the store kept failing: calls fail at once meanwhile.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the driver looks for a server before a call fails (kept short so an outage shows quickly).</summary>
    public TimeSpan ServerSelectionTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
