namespace Leads.Projections;

/// <summary>The event store ended a subscription the projector did not cancel; it resubscribes from its checkpoint.</summary>
public sealed class SubscriptionDroppedException(string projection)
    : Exception($"The subscription of projection {projection} ended unexpectedly.");
