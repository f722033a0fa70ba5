using Leads.EventStore;

namespace Leads.Projections.Runtime;

/// <summary>The later of two positions, either of which may be missing.</summary>
internal static class GlobalPositions
{
    public static GlobalPosition Max(GlobalPosition? a, GlobalPosition b) => a is { } x && x > b ? x : b;

    public static GlobalPosition? Max(GlobalPosition? a, GlobalPosition? b) => b is { } y ? Max(a, y) : a;
}
