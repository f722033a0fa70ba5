using Leads.Domain;

namespace Leads.Analytics;

/// <summary>A lead in one status from <paramref name="Start"/> until <paramref name="End"/> (null: still in it).</summary>
public sealed record StatusInterval(LeadStatus Status, DateTimeOffset Start, DateTimeOffset? End)
{
    public TimeSpan? Duration => End - Start;
}
