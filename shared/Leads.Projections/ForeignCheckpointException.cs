using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// The projection's checkpoint was taken from another event store than the one it reads now: the projector does not
/// follow it (it shows Faulted with this message) until ops reset it from the start.
/// </summary>
public sealed class ForeignCheckpointException(string projection, string builtFrom, string current, GlobalPosition checkpoint)
    : Exception($"projection {projection} was built from event store {builtFrom} up to {checkpoint}, but reads event store {current} now: "
        + $"its checkpoint means nothing there. Reset it from the start (leads projections reset {projection}) to rebuild it from this store")
{
    public string Projection { get; } = projection;
}
