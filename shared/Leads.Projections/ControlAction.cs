namespace Leads.Projections;

/// <summary>What ops ask a projector to do through the control plane.</summary>
public abstract record ControlAction
{
    private ControlAction()
    {
    }

    public sealed record Pause : ControlAction;

    public sealed record Resume : ControlAction;

    public sealed record Reset(ResetFrom From) : ControlAction;

    public sealed record ReplayParked(string StreamId) : ControlAction;
}
