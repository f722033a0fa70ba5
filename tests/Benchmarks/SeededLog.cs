using Leads.EventStore;

namespace Leads.Benchmarks;

/// <summary>What a seeding wrote: the number of events, and each append's last position and event count in log order.</summary>
internal sealed record SeededLog(long Events, IReadOnlyList<(GlobalPosition Position, int Events)> Appends)
{
    public GlobalPosition First => Appends[0].Position;

    public GlobalPosition Last => Appends[^1].Position;

    /// <summary>Seeded events whose append lies after <paramref name="checkpoint"/> (EventStoreDB positions are byte offsets, not counts).</summary>
    public long EventsAfter(GlobalPosition checkpoint) => Appends.Where(a => a.Position > checkpoint).Sum(a => (long)a.Events);
}
