using Leads.EventStore;

namespace Leads.Projections;

/// <summary>Where a reset replays from: the start, a global position (inclusive) or a recorded time (inclusive).</summary>
public abstract record ResetFrom
{
    private ResetFrom()
    {
    }

    public static ResetFrom Start { get; } = new FromStart();

    public static ResetFrom Position(GlobalPosition position) => new FromPosition(position);

    public static ResetFrom Time(DateTimeOffset time) => new FromTime(time);

    public sealed record FromStart : ResetFrom;

    public sealed record FromPosition(GlobalPosition At) : ResetFrom;

    public sealed record FromTime(DateTimeOffset At) : ResetFrom;
}
