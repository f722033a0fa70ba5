namespace Leads.Privacy;

/// <summary>
/// How long and how many lead keys a process keeps in memory. Short on purpose: a key deleted by another process is
/// forgotten here within <see cref="TimeToLive"/> even before this process reads the LeadForgotten event.
/// </summary>
public sealed record LeadKeyCacheOptions
{
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxEntries { get; init; } = 10_000;
}
