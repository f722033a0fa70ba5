using Leads.EventStore;
using Leads.Projections;

namespace Leads.QueryService.ProjectionOps;

/// <summary>
/// One projection as ops reach it from here: its name, the control plane its projector (another process) polls, and
/// the store where its checkpoint and parked events live, and the filter of its subscription (its head and lag).
/// </summary>
internal sealed record ProjectionEndpoint(
    string Name, IProjectionControl Control, ICheckpointReader Checkpoints, IParkedEventReader Parked, SubscriptionFilter Filter);
