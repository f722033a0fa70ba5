namespace Leads.Projections.Leasing;

/// <summary>
/// Configuration section <c>Leads:ProjectorLease</c>. Off unless <see cref="Enabled"/>: a deployment that runs standby
/// replicas of a projector turns it on. A standby takes over at most <see cref="Duration"/> after the active one dies
/// (at once after a clean shutdown, which releases the lease).
/// </summary>
public sealed record ProjectorLeaseOptions
{
    public const string SectionName = "Leads:ProjectorLease";

    public bool Enabled { get; init; }

    /// <summary>How long a lease lasts unless renewed.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the holder renews and a standby tries to take it (well under <see cref="Duration"/>).</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>This process's name in the lease; default host name and process id (a pod's name in Kubernetes).</summary>
    public string? Owner { get; init; }

    public string OwnerOrDefault => string.IsNullOrWhiteSpace(Owner) ? $"{Environment.MachineName}:{Environment.ProcessId}" : Owner;
}
