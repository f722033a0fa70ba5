using System.Globalization;
using Leads.EventStore;

namespace Leads.Projections;

/// <summary>
/// Control actions as two readable values (kind, argument), the same in every control plane (a SQLite table, a MongoDB
/// collection), so that ops of any version read what a projector of any version wrote.
/// </summary>
public static class ControlActionText
{
    public static (string Kind, string? Argument) Write(ControlAction action) => action switch
    {
        ControlAction.Pause => ("pause", null),
        ControlAction.Resume => ("resume", null),
        ControlAction.ReplayParked r => ("replay-parked", r.StreamId),
        ControlAction.Reset { From: ResetFrom.FromPosition p } => ("reset", string.Create(CultureInfo.InvariantCulture, $"position:{p.At.Commit}/{p.At.Prepare}")),
        ControlAction.Reset { From: ResetFrom.FromTime t } => ("reset", "time:" + t.At.UtcTicks.ToString(CultureInfo.InvariantCulture)),
        ControlAction.Reset => ("reset", "start"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown control action"),
    };

    public static ControlAction Read(string kind, string? argument) => kind switch
    {
        "pause" => new ControlAction.Pause(),
        "resume" => new ControlAction.Resume(),
        "replay-parked" => new ControlAction.ReplayParked(argument ?? ""),
        "reset" => new ControlAction.Reset(ReadFrom(argument)),
        _ => throw new FormatException($"unknown control action '{kind}'"),
    };

    private static ResetFrom ReadFrom(string? argument)
    {
        if (argument is null || argument == "start")
        {
            return ResetFrom.Start;
        }

        if (argument.StartsWith("time:", StringComparison.Ordinal))
        {
            return ResetFrom.Time(new DateTimeOffset(long.Parse(argument.AsSpan(5), CultureInfo.InvariantCulture), TimeSpan.Zero));
        }

        var position = argument["position:".Length..].Split('/');
        return ResetFrom.Position(new GlobalPosition(
            ulong.Parse(position[0], CultureInfo.InvariantCulture), ulong.Parse(position[1], CultureInfo.InvariantCulture)));
    }
}
