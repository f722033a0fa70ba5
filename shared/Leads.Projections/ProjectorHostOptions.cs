namespace Leads.Projections;

/// <summary>How often a host polls the control plane and publishes its projectors' status.</summary>
public sealed record ProjectorHostOptions
{
    public TimeSpan ControlPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(1);
}
