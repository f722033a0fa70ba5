using Leads.EventStore;

namespace Leads.Projections;

/// <summary>What a projection subscribes to unless told otherwise, and so where its head and lag are measured.</summary>
public static class ProjectionFilter
{
    /// <summary>Every lead stream (<c>lead-</c>): the events of every projection of this system.</summary>
    public static SubscriptionFilter LeadStreams { get; } = SubscriptionFilter.StreamPrefix("lead-");
}
